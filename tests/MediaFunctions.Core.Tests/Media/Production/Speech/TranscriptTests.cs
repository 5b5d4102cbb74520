using System.Text.Json;
using MediaFunctions.Core.Media.Production.Speech;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

public class TranscriptTests
{
    private static readonly Transcript Sample = new(
        "en-us",
        "pocketsphinx",
        [new("hello", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), 0.9), new("world", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.5), 0.8)],
        [new("world", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5.5))],
        [new("um", TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3.3))],
        [new("(cough)", TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(6.4))],
        []);

    [Fact]
    public void Json_RoundTrip_KeepsEverything()
    {
        var json = JsonSerializer.Serialize(Sample);
        var read = JsonSerializer.Deserialize<Transcript>(json)!;

        Assert.Contains("\"Text\":\"hello world\"", json, StringComparison.Ordinal);
        Assert.Equal(Sample.Words, read.Words);
        Assert.Equal(Sample.Keywords, read.Keywords);
        Assert.Equal(Sample.Fillers, read.Fillers);
        Assert.Equal(Sample.Coughs, read.Coughs);
        Assert.Equal("hello world", read.Text);
    }

    [Fact]
    public void MapTimes_CutAwayTimes_DropTheirItemsAndShiftTheRest()
    {
        // Cut 2–4 s (the filler) and shift by a 10 s intro.
        static TimeSpan? Map(TimeSpan time) =>
            time < TimeSpan.FromSeconds(2) ? time + TimeSpan.FromSeconds(10)
            : time < TimeSpan.FromSeconds(4) ? null
            : time + TimeSpan.FromSeconds(8);

        var mapped = Sample.MapTimes(Map);

        Assert.Equal([TimeSpan.FromSeconds(11), TimeSpan.FromSeconds(13)], mapped.Words.Select(word => word.Start));
        Assert.Equal(TimeSpan.FromSeconds(13), mapped.Keywords.Single().Start);
        Assert.Empty(mapped.Fillers);
        Assert.Equal(TimeSpan.FromSeconds(14), mapped.Coughs.Single().Start);
    }
}
