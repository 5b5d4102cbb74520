using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Tests.Media.Production;

public class TaggingPlannerTests
{
    private static readonly ProductionChapter[] Chapters =
    [
        new(TimeSpan.Zero, "Intro", new Uri("https://example.com/intro")),
        new(TimeSpan.FromMilliseconds(1500), "Second", null),
    ];

    [Fact]
    public void Plan_Mp3_WritesTagsThenChapterSectionsEndingAtTheNextStart()
    {
        var metadata = new ProductionMetadata { Title = "Episode 1", Track = 1, Year = 2012, Subtitle = "Sub", Tags = ["podcast", " api "] };

        var plan = TaggingPlanner.Plan(metadata, Chapters, TimeSpan.FromSeconds(4), OutputContainer.Mp3, "/tmp/meta.txt", 1);

        Assert.Equal(
            """
            ;FFMETADATA1
            title=Episode 1
            track=1
            TIT3=Sub
            date=2012
            keywords=podcast, api
            [CHAPTER]
            TIMEBASE=1/1000
            START=0
            END=1500
            title=Intro
            url=https://example.com/intro
            [CHAPTER]
            TIMEBASE=1/1000
            START=1500
            END=4000
            title=Second

            """.ReplaceLineEndings("\n"),
            plan.MetadataFileText);
        Assert.Equal(["-f", "ffmetadata", "-i", "/tmp/meta.txt"], plan.InputArguments);
        Assert.Equal(["-map_metadata", "1", "-map_chapters", "1", "-id3v2_version", "3"], plan.OutputArguments);
    }

    [Theory]
    [InlineData(OutputContainer.Ogg)]
    [InlineData(OutputContainer.Flac)]
    public void Plan_VorbisComments_ChaptersAreCommentsNotContainerChapters(OutputContainer container)
    {
        var plan = TaggingPlanner.Plan(new ProductionMetadata { Summary = "Long" }, Chapters, TimeSpan.FromSeconds(4), container, "m.txt", 2);

        Assert.Equal(
            """
            ;FFMETADATA1
            comment=Long
            CHAPTER001=00:00:00.000
            CHAPTER001NAME=Intro
            CHAPTER001URL=https://example.com/intro
            CHAPTER002=00:00:01.500
            CHAPTER002NAME=Second

            """.ReplaceLineEndings("\n"),
            plan.MetadataFileText);
        Assert.Equal(["-map_metadata", "2", "-map_chapters", "-1"], plan.OutputArguments);
    }

    [Fact]
    public void Plan_NoChapters_KeepsTheSourcesChaptersOut()
    {
        var plan = TaggingPlanner.Plan(new ProductionMetadata(), [], TimeSpan.FromSeconds(4), OutputContainer.Mp4, "m.txt", 1);

        Assert.Equal(";FFMETADATA1\n", plan.MetadataFileText);
        Assert.Equal(["-map_metadata", "1", "-map_chapters", "-1"], plan.OutputArguments);
    }

    [Fact]
    public void Plan_Wav_KeepsOnlyWhatRiffInfoHolds()
    {
        var metadata = new ProductionMetadata
        {
            Title = "T",
            Subtitle = "S",
            Publisher = "P",
            Url = new Uri("https://example.com"),
            License = "CC BY",
            Location = new ProductionLocation(47.07, 15.439),
        };

        var plan = TaggingPlanner.Plan(metadata, Chapters, TimeSpan.FromSeconds(4), OutputContainer.Wav, "m.txt", 1);

        Assert.Equal(";FFMETADATA1\ntitle=T\ncopyright=CC BY\n", plan.MetadataFileText);
    }

    [Fact]
    public void Plan_Mp4_LocationAsIso6709()
    {
        var metadata = new ProductionMetadata { Location = new ProductionLocation(-33.8688, 151.2093) };

        var plan = TaggingPlanner.Plan(metadata, [], TimeSpan.FromSeconds(4), OutputContainer.Mp4, "m.txt", 1);

        Assert.Equal(";FFMETADATA1\nlocation=-33.8688+151.2093/\n", plan.MetadataFileText);
    }

    [Fact]
    public void Plan_SpecialCharacters_AreEscaped()
    {
        var metadata = new ProductionMetadata { Title = "a=b;c#d\\e", Summary = "line 1\r\nline 2" };

        var plan = TaggingPlanner.Plan(metadata, [], TimeSpan.FromSeconds(4), OutputContainer.Mp3, "m.txt", 1);

        Assert.Equal(";FFMETADATA1\ntitle=a\\=b\\;c\\#d\\\\e\ncomment=line 1\\\nline 2\n", plan.MetadataFileText);
    }

    [Fact]
    public void Plan_ChapterAtTheEnd_IsRefused()
    {
        var exception = Assert.Throws<MediaPlanException>(
            () => TaggingPlanner.Plan(new ProductionMetadata(), Chapters, TimeSpan.FromSeconds(1.5), OutputContainer.Mp3, "m.txt", 1));

        Assert.Equal("chapter_past_end", exception.Code);
    }

    [Fact]
    public void Plan_ChaptersOutOfOrder_AreRefused() =>
        Assert.Throws<ChaptersFormatException>(
            () => TaggingPlanner.Plan(new ProductionMetadata(), [.. Chapters.Reverse()], TimeSpan.FromSeconds(4), OutputContainer.Mp3, "m.txt", 1));

    [Theory]
    [InlineData(90.1, 0)]
    [InlineData(0, -180.5)]
    public void ProductionLocation_OutOfRange_IsRefused(double latitude, double longitude) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProductionLocation(latitude, longitude));
}
