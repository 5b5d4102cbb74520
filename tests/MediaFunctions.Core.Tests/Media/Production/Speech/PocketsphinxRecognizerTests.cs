using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>Real pocketsphinx on espeak-ng speech whose sentence starts are known.</summary>
[Collection(SpokenTopics.Name)]
public class PocketsphinxRecognizerTests(SpokenTopics media, ITestOutputHelper output)
{
    private static readonly TimeSpan KeywordTolerance = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FillerTolerance = TimeSpan.FromSeconds(0.5);

    [Fact]
    public void RecognizeAsync_KnownText_WordErrorRateUnder70PercentAndRealTimeFactorPrinted()
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
    public void RecognizeAsync_KeywordNeverSaid_NotHeard()
    {
        var hits = media.TopicsTranscript.Keywords.Where(hit => hit.Keyword == "volcano").ToList();

        output.WriteLine($"'volcano' (never said) heard {hits.Count} times; all hits: {string.Join(", ", media.TopicsTranscript.Keywords.Select(hit => $"{hit.Keyword} {hit.Start.TotalSeconds:0.00} s"))}");
        Assert.Empty(hits);
    }

    /// <summary>
    /// Coughs show as utterances in which pocketsphinx heard no word; about half of the noise bursts are decoded as a
    /// word instead ("this", "c"), so this measures precision (every reported cough is one) and prints the recall.
    /// </summary>
    [Fact]
    public async Task RecognizeAsync_CoughsBetweenPhrases_ReportedOnlyAtCoughs()
    {
        var token = FfmpegTools.Timeout(120);
        var coughing = await media.Recognizer.RecognizeAsync(media.Coughing, new SpeechRequest("en", []), token);
        var fluent = await media.Recognizer.RecognizeAsync(media.Fluent, new SpeechRequest("en", []), token);
        var coughStarts = media.CoughingStarts.Where((_, i) => SpokenTopics.CoughingParts[i].StartsWith("anoisesrc", StringComparison.Ordinal)).ToList();
        var found = coughStarts.Count(start => coughing.Coughs.Any(cough => (cough.Start - start).Duration() <= FillerTolerance));

        output.WriteLine($"with coughs: {coughing.Text} | coughs {Spans(coughing.Coughs)} | fillers {Spans(coughing.Fillers)}");
        output.WriteLine($"coughs made at {string.Join(", ", coughStarts.Select(start => $"{start.TotalSeconds:0.00} s"))}: {found} of {coughStarts.Count} found");
        output.WriteLine($"without coughs: coughs {Spans(fluent.Coughs)}");
        Assert.True(found >= 1, "No cough found.");
        Assert.All(coughing.Coughs, cough => Assert.Contains(coughStarts, start => (cough.Start - start).Duration() <= FillerTolerance));
        Assert.Empty(fluent.Coughs);
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
        Assert.Empty(hesitant.Coughs);
    }

    private static string Spans(IEnumerable<SpeechSpan> spans) =>
        string.Join(", ", spans.Select(span => $"'{span.Text}' {span.Start.TotalSeconds:0.00}–{span.End.TotalSeconds:0.00} s"));
}
