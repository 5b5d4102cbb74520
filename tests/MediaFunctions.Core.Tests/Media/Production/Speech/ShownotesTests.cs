using MediaFunctions.Core.Media.Production.Speech;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>The outline of a real transcript of three topics.</summary>
[Collection(SpokenTopics.Name)]
public class ShownotesTests(SpokenTopics media, ITestOutputHelper output)
{
    [Fact]
    public void Build_ThreeTopics_SectionsStartNearTheTopicChangesWithTheirWords()
    {
        var sections = Shownotes.Build(media.TopicsTranscript);

        foreach (var section in sections)
        {
            output.WriteLine($"{section.Start.TotalSeconds:0.00} s: {section.Title} [{string.Join(", ", section.KeyPhrases)}]");
        }

        output.WriteLine($"topic changes at {media.TopicStarts[3].TotalSeconds:0.00} s and {media.TopicStarts[6].TotalSeconds:0.00} s");
        Assert.Equal(3, sections.Count);
        Assert.Equal(sections.OrderBy(section => section.Start), sections);
        foreach (var (section, sentence) in sections.Zip([0, 3, 6]))
        {
            var tolerance = media.TopicStarts[sentence + 1] - media.TopicStarts[sentence];
            Assert.InRange(section.Start, media.TopicStarts[sentence] - tolerance, media.TopicStarts[sentence] + tolerance);
        }

        Assert.Contains(sections[0].KeyPhrases, phrase => phrase.Contains("ocean", StringComparison.Ordinal) || phrase.Contains("ice", StringComparison.Ordinal));
        Assert.Contains(sections[1].KeyPhrases, phrase => phrase.Contains("australia", StringComparison.Ordinal) || phrase.Contains("animal", StringComparison.Ordinal));
        Assert.Contains(sections[2].KeyPhrases, phrase => phrase.Contains("bread", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_OneTopic_OneSection()
    {
        // The off case: talk that stays on its topic gets no boundary.
        var words = media.TopicsTranscript.Words.Where(word => word.Start < media.TopicStarts[3]).ToList();

        var sections = Shownotes.Build(media.TopicsTranscript with { Words = words });

        output.WriteLine(string.Join(" | ", sections.Select(section => $"{section.Start.TotalSeconds:0.00} s: {section.Title}")));
        Assert.Single(sections);
    }
}
