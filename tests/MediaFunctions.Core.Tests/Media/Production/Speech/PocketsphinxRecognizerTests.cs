using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>Real pocketsphinx on espeak-ng speech whose sentence starts are known.</summary>
public class PocketsphinxRecognizerTests(SpokenTopics media, ITestOutputHelper output) : IClassFixture<SpokenTopics>
{
    private static readonly TimeSpan KeywordTolerance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FillerTolerance = TimeSpan.FromSeconds(0.5);

    [Fact]
    public void RecognizeAsync_KnownText_MostWordsRightFasterThanRealTime()
    {
        var transcript = media.TopicsTranscript;
        var reference = string.Join(' ', SpokenTopics.TopicSentences);
        var wer = WordErrorRate.Of(reference, transcript.Text);
        var realTimeFactor = media.TopicsDuration / media.RecognitionTime;

        output.WriteLine($"recognised: {transcript.Text}");
        output.WriteLine($"word error rate {wer:P1} over {reference.Split(' ').Length} words; " +
            $"{media.TopicsDuration.TotalSeconds:0.0} s of audio in {media.RecognitionTime.TotalSeconds:0.0} s (decode + keyword pass): {realTimeFactor:0.0}× real time");
        Assert.Equal("pocketsphinx", transcript.Engine);
        Assert.True(wer < 0.7, $"Word error rate {wer:P1}.");
        Assert.True(realTimeFactor > 1, $"Real-time factor {realTimeFactor:0.00}.");
    }

    [Theory]
    [InlineData("climate change", 0)]
    [InlineData("australia", 3)]
    [InlineData("biologist", 4)]
    public void RecognizeAsync_Keyword_FoundAtItsSentence(string keyword, int sentence)
    {
        var expected = media.TopicStarts[sentence];
        var hits = media.TopicsTranscript.Keywords.Where(hit => hit.Keyword == keyword).ToList();

        output.WriteLine($"'{keyword}' expected at {expected.TotalSeconds:0.00} s; heard at {string.Join(", ", hits.Select(hit => $"{hit.Start.TotalSeconds:0.00}–{hit.End.TotalSeconds:0.00} s"))}");
        Assert.Contains(hits, hit => (hit.Start - expected).Duration() <= KeywordTolerance);
    }

    [Fact]
    public void RecognizeAsync_KeywordNotInTheDictionary_ReportedUnspottable()
    {
        output.WriteLine($"unspottable: {string.Join(", ", media.TopicsTranscript.UnspottableKeywords)}");

        Assert.Equal(["zyxquorplat"], media.TopicsTranscript.UnspottableKeywords);
        Assert.DoesNotContain(media.TopicsTranscript.Keywords, hit => hit.Keyword == "zyxquorplat");
    }

    [Fact]
    public async Task RecognizeAsync_FillersBetweenPhrases_FoundAtTheirTimesAndNotInTheText()
    {
        var token = FfmpegTools.Timeout(120);
        var hesitant = await media.Recognizer.RecognizeAsync(media.Hesitant, new SpeechRequest("en", []), token);
        var fluent = await media.Recognizer.RecognizeAsync(media.Fluent, new SpeechRequest("en", []), token);

        output.WriteLine($"with fillers: {hesitant.Text} | fillers {Spans(hesitant.Fillers)}");
        output.WriteLine($"without fillers: {fluent.Text} | fillers {Spans(fluent.Fillers)}");
        foreach (var i in new[] { 1, 3 })
        {
            var expected = media.HesitantStarts[i];
            output.WriteLine($"'{SpokenTopics.HesitantPhrases[i]}' spoken at {expected.TotalSeconds:0.00} s");
            Assert.Contains(hesitant.Fillers, filler => (filler.Start - expected).Duration() <= FillerTolerance);
            Assert.DoesNotContain(hesitant.Words, word => (word.Start - expected).Duration() <= TimeSpan.FromSeconds(0.1));
        }

        Assert.Empty(fluent.Fillers);
    }

    private static string Spans(IEnumerable<SpeechSpan> spans) =>
        string.Join(", ", spans.Select(span => $"'{span.Text}' {span.Start.TotalSeconds:0.00}–{span.End.TotalSeconds:0.00} s"));
}
