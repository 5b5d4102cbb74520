using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>The subtitle files of a real transcript, read back by the service's ffmpeg (its webvtt and srt demuxers).</summary>
[Collection(SpokenTopics.Name)]
public partial class SubtitleFilesTests(SpokenTopics media, ITestOutputHelper output)
{
    [Theory]
    [InlineData("vtt", "srt")]
    [InlineData("srt", "webvtt")]
    public async Task Write_RecognisedWords_FfmpegReadsEveryCueAtItsTime(string extension, string convertTo)
    {
        var token = FfmpegTools.Timeout();
        var words = media.TopicsTranscript.Words;
        var path = Path.Combine(media.Folder, Guid.NewGuid().ToString("N") + "." + extension);
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await (extension == "vtt" ? SubtitleFiles.WriteVttAsync(writer, words, token) : SubtitleFiles.WriteSrtAsync(writer, words, token));
        }

        var converted = new StringBuilder();
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", path, "-f", convertTo, "pipe:1"],
            new() { StandardOutput = async (stdout, cancel) => converted.Append(await new StreamReader(stdout).ReadToEndAsync(cancel)) },
            token);
        var read = CueTime().Matches(converted.ToString()).Select(match => Seconds(match.Groups[1].Value)).ToList();
        var cues = SubtitleFiles.Cues(words);

        output.WriteLine($"{extension}: {cues.Count} cues written, {read.Count} read back by ffmpeg; starts {string.Join(", ", read.Select(s => s.ToString("0.00", CultureInfo.InvariantCulture)))}");
        Assert.True(cues.Count >= SpokenTopics.TopicSentences.Length, $"{cues.Count} cues for {SpokenTopics.TopicSentences.Length} sentences.");
        Assert.Equal(cues.Count, read.Count);
        Assert.All(cues.Zip(read), pair => Assert.InRange(pair.Second, pair.First.Start.TotalSeconds - 0.011, pair.First.Start.TotalSeconds + 0.011));
        Assert.All(cues, cue => Assert.True(cue.End - cue.Start <= SubtitleFiles.MaxCueDuration && cue.Lines.Count <= 2 && cue.Lines.All(line => line.Length <= 42)));
        Assert.Contains("australia", converted.ToString(), StringComparison.Ordinal);
        Assert.Contains("bread", converted.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cues_LongTalkWithoutPauses_SplitWithinSevenSecondsAndTwoLines()
    {
        var words = Enumerable.Range(0, 60).Select(i => new TranscriptWord("word" + i, TimeSpan.FromSeconds(i * 0.3), TimeSpan.FromSeconds((i * 0.3) + 0.25), 1)).ToList();

        var cues = SubtitleFiles.Cues(words);

        output.WriteLine($"{cues.Count} cues, longest {cues.Max(cue => (cue.End - cue.Start).TotalSeconds):0.00} s, widest line {cues.Max(cue => cue.Lines.Max(line => line.Length))} characters");
        Assert.True(cues.Count > 1);
        Assert.All(cues, cue => Assert.True(cue.End - cue.Start <= SubtitleFiles.MaxCueDuration && cue.Lines.Count <= 2 && cue.Lines.All(line => line.Length <= 42)));
        Assert.Equal(60, cues.Sum(cue => cue.Lines.Sum(line => line.Split(' ').Length)));
    }

    private static double Seconds(string time)
    {
        var parts = ("00:" + time.Replace(',', '.')).Split(':')[^3..];
        return (double.Parse(parts[0], CultureInfo.InvariantCulture) * 3600) + (double.Parse(parts[1], CultureInfo.InvariantCulture) * 60)
            + double.Parse(parts[2], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^((?:\d{2}:)?\d{2}:\d{2}[.,]\d{3}) -->", RegexOptions.Multiline)]
    private static partial Regex CueTime();
}
