using MediaFunctions.Core.Media.Production.Chapters;

namespace MediaFunctions.Core.Tests.Media.Production;

public class ChaptersFileTests
{
    [Fact]
    public void Parse_DocumentedExample_ReadsEveryChapter()
    {
        const string text = """
            00:00:00.000 Intro1 <http://url1.com>
            00:00:10.000 Baby prepares to rock
            00:00:30.000 Baby rocks the house
            00:01:00.000 One Minute
            00:01:30.000 End <http://url2.at/ha>
            """;

        var chapters = ChaptersFile.Parse(text);

        Assert.Equal(
            [
                new ProductionChapter(TimeSpan.Zero, "Intro1", new Uri("http://url1.com")),
                new ProductionChapter(TimeSpan.FromSeconds(10), "Baby prepares to rock", null),
                new ProductionChapter(TimeSpan.FromSeconds(30), "Baby rocks the house", null),
                new ProductionChapter(TimeSpan.FromMinutes(1), "One Minute", null),
                new ProductionChapter(TimeSpan.FromSeconds(90), "End", new Uri("http://url2.at/ha")),
            ],
            chapters);
    }

    [Fact]
    public void Parse_ShortFormsLooseSpacingAndBlankLines_AreAccepted()
    {
        var text = "\uFEFF  00:05  First   chapter \r\n\r\n\t1:02:03.5\tSecond\t< https://example.com/a?b=c >\r\n12:34:56.789 Third\n";

        var chapters = ChaptersFile.Parse(text);

        Assert.Equal(
            [
                new ProductionChapter(TimeSpan.FromSeconds(5), "First   chapter", null),
                new ProductionChapter(new TimeSpan(0, 1, 2, 3, 500), "Second", new Uri("https://example.com/a?b=c")),
                new ProductionChapter(new TimeSpan(0, 12, 34, 56, 789), "Third", null),
            ],
            chapters);
    }

    [Fact]
    public void Parse_EmptyText_HasNoChapters() => Assert.Empty(ChaptersFile.Parse("\n  \n"));

    [Theory]
    [InlineData("00:00:00 Intro\n00:00:1O Typo", 2, "'00:00:1O' is not a chapter start")]
    [InlineData("90 Ninety seconds", 1, "'90' is not a chapter start")]
    [InlineData("00:61:00 Too many minutes", 1, "'00:61:00' is not a chapter start")]
    [InlineData("00:00:60 Too many seconds", 1, "'00:00:60' is not a chapter start")]
    [InlineData("00:00:01.2345 Too precise", 1, "'00:00:01.2345' is not a chapter start")]
    [InlineData("-00:00:01 Negative", 1, "'-00:00:01' is not a chapter start")]
    [InlineData("Intro 00:00:00", 1, "'Intro' is not a chapter start")]
    [InlineData("00:00:00 Intro\n\n00:00:10", 3, "the chapter has no title")]
    [InlineData("00:00:00 <https://example.com>", 1, "the chapter has no title")]
    [InlineData("00:00:00 Intro <ftp://example.com/file>", 1, "the chapter's url 'ftp://example.com/file' is not an absolute http(s) URL")]
    [InlineData("00:00:00 Intro <example.com>", 1, "the chapter's url 'example.com' is not an absolute http(s) URL")]
    [InlineData("00:00:10 Intro\n00:00:05 Earlier", 2, "chapter 2 starts at 00:00:05.000, not after the chapter before it (00:00:10.000)")]
    [InlineData("00:00:10 Intro\n00:00:10.000 Same time", 2, "chapter 2 starts at 00:00:10.000, not after the chapter before it (00:00:10.000)")]
    public void Parse_BadLine_NamesLineAndProblem(string text, int line, string problem)
    {
        var exception = Assert.Throws<ChaptersFormatException>(() => ChaptersFile.Parse(text));

        Assert.Equal(line, exception.Line);
        Assert.StartsWith($"Line {line}: {problem}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFields_JsonChapter_MatchesFileForm()
    {
        var chapter = ProductionChapter.FromFields("00:04:41", " Chapter with Image ", null, "https://auphonic.com/static/images/logo.png");

        Assert.Equal(
            new ProductionChapter(new TimeSpan(0, 4, 41), "Chapter with Image", null, new Uri("https://auphonic.com/static/images/logo.png")),
            chapter);
    }

    [Theory]
    [InlineData(null, "Title", null, null, "'' is not a chapter start")]
    [InlineData("2:18", "", null, null, "the chapter has no title")]
    [InlineData("00:02:18", "Title", "mailto:me@example.com", null, "the chapter's url 'mailto:me@example.com' is not an absolute http(s) URL")]
    [InlineData("00:02:18", "Title", null, "/static/logo.png", "the chapter's image '/static/logo.png' is not an absolute http(s) URL")]
    public void FromFields_BadField_SaysWhichWithoutLine(string? start, string? title, string? url, string? image, string problem)
    {
        var exception = Assert.Throws<ChaptersFormatException>(() => ProductionChapter.FromFields(start, title, url, image));

        Assert.Null(exception.Line);
        Assert.StartsWith(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureIncreasing_OutOfOrder_NamesTheChapter()
    {
        ProductionChapter[] chapters =
        [
            ProductionChapter.FromFields("00:00:00", "Start Chapter"),
            ProductionChapter.FromFields("00:04:41", "Third"),
            ProductionChapter.FromFields("00:02:18", "Second"),
        ];

        var exception = Assert.Throws<ChaptersFormatException>(() => ProductionChapter.EnsureIncreasing(chapters));

        Assert.Equal("chapter 3 starts at 00:02:18.000, not after the chapter before it (00:04:41.000).", exception.Message);
    }
}
