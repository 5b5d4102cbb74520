using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public class StandardErrorTailTests
{
    [Fact]
    public void Lines_MoreThanCapacity_KeepsTheLastFortyInOrder()
    {
        var tail = new StandardErrorTail();
        for (var i = 1; i <= 100; i++)
        {
            tail.Add($"line {i}");
            tail.Add("   ");
        }

        Assert.Equal(Enumerable.Range(61, 40).Select(i => $"line {i}"), tail.Lines);
    }
}
