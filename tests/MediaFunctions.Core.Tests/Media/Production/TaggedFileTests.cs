using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production;

/// <summary>
/// Tags and chapters written by the planned ffmpeg run into a tone, read back with ffprobe: what a player
/// finds in the file, not what the plan says.
/// </summary>
public sealed class TaggedFileTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(6);

    private static readonly ProductionMetadata Metadata = new()
    {
        Title = "Episode 7: Q&A = answers; #7 \\ done",
        Artist = "The Artist",
        Album = "Our Album",
        Track = 7,
        Subtitle = "Our subtitle",
        Summary = "Our very long summary.\nSecond line.",
        Genre = "Podcast",
        Year = 2012,
        Publisher = "that's me",
        Url = new Uri("https://auphonic.com"),
        License = "Creative Commons Attribution 3.0 Austria",
        LicenseUrl = new Uri("http://creativecommons.org/licenses/by/3.0/at/"),
        Tags = ["podcast", "auphonic api", "metadata"],
        Location = new ProductionLocation(47.070, 15.439),
    };

    private static readonly IReadOnlyList<ProductionChapter> Chapters = ChaptersFile.Parse("""
        00:00:00.000 Intro <https://example.com/intro>
        00:00:01.234 Café ☕ = talk; #2
        00:00:04.5 Outro
        """);

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-tagging-").FullName;

    [Theory]
    [InlineData(OutputContainer.Mp3, "libmp3lame", "mp3")]
    [InlineData(OutputContainer.Mp4, "aac", "m4a")]
    [InlineData(OutputContainer.Mp4, "alac", "m4a")]
    [InlineData(OutputContainer.Ogg, "libvorbis", "ogg")]
    [InlineData(OutputContainer.Ogg, "libopus", "opus")]
    [InlineData(OutputContainer.Flac, "flac", "flac")]
    public async Task Plan_RunByFfmpeg_PlayersFindTagsAndChapters(OutputContainer container, string codec, string extension)
    {
        var cancellationToken = FfmpegTools.Timeout();

        var file = await RenderAsync(container, codec, extension, cancellationToken);

        var probe = await ProbeAsync(file, cancellationToken);
        AssertCommonTags(probe.Tags);
        Assert.Equal(Chapters.Select(chapter => chapter.Title), probe.Chapters.Select(chapter => chapter.Title));
        for (var i = 0; i < Chapters.Count; i++)
        {
            Assert.Equal(Chapters[i].Start.TotalSeconds, probe.Chapters[i].Start, 0.001);
            if (i + 1 < Chapters.Count)
            {
                Assert.Equal(Chapters[i + 1].Start.TotalSeconds, probe.Chapters[i].End, 0.001);
            }
        }
    }

    [Fact]
    public async Task Plan_Wav_PlayersFindTags()
    {
        var cancellationToken = FfmpegTools.Timeout();

        var file = await RenderAsync(OutputContainer.Wav, "pcm_s16le", "wav", cancellationToken);

        var probe = await ProbeAsync(file, cancellationToken);
        AssertCommonTags(probe.Tags);
        Assert.Empty(probe.Chapters);
    }

    [Fact]
    public async Task Plan_Mp3_LastChapterEndsAtTheEndOfTheMedia()
    {
        var cancellationToken = FfmpegTools.Timeout();

        var file = await RenderAsync(OutputContainer.Mp3, "libmp3lame", "mp3", cancellationToken);

        var probe = await ProbeAsync(file, cancellationToken);
        Assert.Equal(Duration.TotalSeconds, probe.Chapters[^1].End, 0.001);
        Assert.Equal(Metadata.Subtitle, probe.Tags["TIT3"]);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static void AssertCommonTags(IReadOnlyDictionary<string, string> tags)
    {
        Assert.Equal(Metadata.Title, tags["title"]);
        Assert.Equal(Metadata.Artist, tags["artist"]);
        Assert.Equal(Metadata.Album, tags["album"]);
        Assert.Equal(Metadata.Genre, tags["genre"]);
        Assert.Equal("2012", tags["date"]);
        Assert.Equal("7", tags["track"]);
    }

    /// <summary>A 440 Hz tone of <see cref="Duration"/>, encoded with the tags and chapters the planner gives.</summary>
    private async Task<string> RenderAsync(OutputContainer container, string codec, string extension, CancellationToken cancellationToken)
    {
        var output = Path.Combine(_folder, $"{codec}.{extension}");
        var plan = TaggingPlanner.Plan(Metadata, Chapters, Duration, container, Path.Combine(_folder, $"{codec}.ffmetadata"), metadataInputIndex: 1);
        await plan.WriteMetadataFileAsync(cancellationToken);
        await FfmpegTools.Runner().RunAsync(
            [
                "-hide_banner", "-nostats", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={Duration.TotalSeconds}",
                .. plan.InputArguments,
                "-map", "0:a", "-c:a", codec, .. plan.OutputArguments, output,
            ],
            cancellationToken: cancellationToken);
        return output;
    }

    private static Task<TaggedFileProbe> ProbeAsync(string path, CancellationToken cancellationToken) => TaggedFileProbe.ReadAsync(path, cancellationToken);
}
