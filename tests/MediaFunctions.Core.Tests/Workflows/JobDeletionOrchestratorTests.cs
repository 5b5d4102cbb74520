using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Deletion;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows;

public class JobDeletionOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private static Mock<IOrchestrationContext> Context(List<string> calls)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.CallActivityAsync(It.IsAny<string>(), It.IsAny<object>(), RetryPolicies.Storage))
            .Callback((string name, object _, RetryPolicy _) => calls.Add(name))
            .Returns(Task.CompletedTask);
        return context;
    }

    [Fact]
    public async Task Run_StopsTheJobBeforeDeletingItsFilesAndForgetsItLast()
    {
        var calls = new List<string>();
        var context = Context(calls);

        await new JobDeletionOrchestrator().RunAsync(context.Object, new JobDeletion("alice", "alice-1", null));

        // Files are deleted only once no render can write more, and the job is forgotten only once nothing of it is left.
        Assert.Equal([nameof(StopJobActivity), nameof(DeleteJobFilesActivity), nameof(PurgeJobActivity)], calls);
        context.Verify(c => c.CallActivityAsync(nameof(DeleteJobFilesActivity), new JobCleanup("alice", "alice-1", Now), RetryPolicies.Storage), Times.Once);
    }

    [Fact]
    public async Task Run_DownloadToTheCallersStorage_DropsItsCredentialsToo()
    {
        var storage = new ProtectedInlineStorage("c2VhbGVk", "s3", "bucket", "videos");
        var calls = new List<string>();
        var context = Context(calls);

        await new JobDeletionOrchestrator().RunAsync(context.Object, new JobDeletion("alice", "alice-1", storage));

        Assert.Equal([nameof(StopJobActivity), nameof(ForgetInlineStorageActivity), nameof(DeleteJobFilesActivity), nameof(PurgeJobActivity)], calls);
        context.Verify(c => c.CallActivityAsync(nameof(ForgetInlineStorageActivity), storage, RetryPolicies.Storage), Times.Once);
    }

    [Fact]
    public void HelperInstances_AreOutsideEveryKeysPrefix()
    {
        Assert.All(JobDeletion.HelperInstanceIdsOf("alice-1").Append(JobDeletion.InstanceIdFor("alice-1")),
            instanceId => Assert.False(instanceId.StartsWith("alice-", StringComparison.Ordinal)));
    }
}
