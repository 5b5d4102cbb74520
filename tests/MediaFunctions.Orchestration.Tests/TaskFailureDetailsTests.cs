namespace MediaFunctions.Orchestration.Tests;

public class TaskFailureDetailsTests
{
    [Fact]
    public void FromException_KeepsTypeMessageAndInnerFailures()
    {
        var exception = new InvalidOperationException("outer", new TimeoutException("inner"));

        var details = TaskFailureDetails.FromException(exception);

        Assert.Equal(typeof(InvalidOperationException).FullName, details.ErrorType);
        Assert.Equal("outer", details.ErrorMessage);
        Assert.Equal("inner", details.InnerFailure?.ErrorMessage);
        Assert.True(details.IsCausedBy<TimeoutException>());
        Assert.False(details.IsCausedBy<ArgumentException>());
    }

    [Fact]
    public void FromException_TaskFailed_NamesTheTaskAndKeepsItsFailureInside()
    {
        var activityFailure = new TaskFailureDetails("System.IO.IOException", "disk full");
        var exception = new TaskFailedException("Render", 4, activityFailure);

        var details = TaskFailureDetails.FromException(exception);

        Assert.Contains("'Render'", details.ErrorMessage);
        Assert.Contains("disk full", details.ErrorMessage);
        Assert.Equal(activityFailure, details.InnerFailure);
    }
}
