using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>The ID3 rewrite on MP3s ffmpeg tags as the render does; the rendered production's MP3 is read back in <see cref="ProductionRendererTests"/>.</summary>
public sealed class Id3ChapterFramesTests : IDisposable
{
    private static readonly IReadOnlyList<ProductionChapter> Chapters =
    [
        new(TimeSpan.Zero, "One", new Uri("https://example.com/one")),
        new(TimeSpan.FromSeconds(1), "Two", null),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-id3-").FullName;

    [Fact]
    public async Task AddLinksAndImagesAsync_LinksOnly_WxxxInItsChapterAndTheAudioUntouched()
    {
        var token = FfmpegTools.Timeout();
        var path = await TaggedMp3Async(token);
        var audioBefore = await AudioAfterTagAsync(path);

        await Id3ChapterFrames.AddLinksAndImagesAsync(path, Chapters, [], token);

        var chapters = Id3TagReader.ReadChapters(path);
        Assert.Equal(["https://example.com/one", null], chapters.Select(chapter => chapter.Url));
        Assert.All(chapters, chapter => Assert.Null(chapter.Picture));
        Assert.Equal(audioBefore, await AudioAfterTagAsync(path));
        Assert.False(File.Exists(path + ".id3"));
    }

    [Fact]
    public async Task AddLinksAndImagesAsync_MoreChaptersThanFrames_ThrowsAndLeavesTheFile()
    {
        var token = FfmpegTools.Timeout();
        var path = await TaggedMp3Async(token);
        var before = await File.ReadAllBytesAsync(path, token);

        await Assert.ThrowsAsync<InvalidDataException>(() =>
            Id3ChapterFrames.AddLinksAndImagesAsync(path, [.. Chapters, new(TimeSpan.FromSeconds(1.5), "Three", null)], [], token));

        Assert.Equal(before, await File.ReadAllBytesAsync(path, token));
        Assert.False(File.Exists(path + ".id3"));
    }

    [Fact]
    public async Task AddLinksAndImagesAsync_NoId3Tag_Throws()
    {
        var path = Path.Combine(_folder, "plain.mp3");
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "libmp3lame", "-write_id3v2", "0", path],
            cancellationToken: FfmpegTools.Timeout());

        await Assert.ThrowsAsync<InvalidDataException>(() => Id3ChapterFrames.AddLinksAndImagesAsync(path, Chapters, [], FfmpegTools.Timeout()));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A 2 s tone with the tags and chapters TaggingPlanner gives an MP3.</summary>
    private async Task<string> TaggedMp3Async(CancellationToken cancellationToken)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".mp3");
        var plan = TaggingPlanner.Plan(new ProductionMetadata { Title = "Tone" }, Chapters, TimeSpan.FromSeconds(2), OutputContainer.Mp3, path + ".ffmetadata", 1);
        await plan.WriteMetadataFileAsync(cancellationToken);
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=duration=2", .. plan.InputArguments,
                "-map", "0:a", "-c:a", "libmp3lame", .. plan.OutputArguments, path],
            cancellationToken: cancellationToken);
        return path;
    }

    private static async Task<byte[]> AudioAfterTagAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var tagSize = (bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9];
        return bytes[(10 + tagSize)..];
    }
}
