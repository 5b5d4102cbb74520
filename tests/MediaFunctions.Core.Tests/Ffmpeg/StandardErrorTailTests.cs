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

    [Fact]
    public void Add_LineWithASignedUrl_KeepsTheUrlWithoutItsQuery()
    {
        var tail = new StandardErrorTail();

        tail.Add("http://127.0.0.1:10000/devstoreaccount1/inputs/a/b/source?sv=2026-10-06&se=2026&sig=abc%2Bdef%3D: could not seek to position 1.000");

        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1/inputs/a/b/source: could not seek to position 1.000", Assert.Single(tail.Lines));
    }
}
