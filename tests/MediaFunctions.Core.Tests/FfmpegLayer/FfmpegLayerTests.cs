using System.Globalization;
using System.Text.Json;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Testing;

namespace MediaFunctions.Core.Tests.FfmpegLayer;

/// <summary>
/// The layer fits the size limit and runs with nothing from the system but glibc: it lists the codecs,
/// formats, filters and protocols the product needs, probes, encodes every format ffmpeg writes for the
/// API and the video and picture outputs, reads HLS over HTTP, and carries the AMR-NB library our encoder loads.
/// </summary>
public class FfmpegLayerTests(FfmpegLayerFixture layer) : IClassFixture<FfmpegLayerFixture>
{
    public static TheoryData<AudioFormat> FormatsEncodedByFfmpeg =>
        [.. AudioFormatCatalog.All.Where(profile => profile.EncodedByFfmpeg).Select(profile => profile.Format)];

    /// <summary>The size limit of the layer on disk, in bytes (150 MB).</summary>
    private const long MaxLayerBytes = 150_000_000;

    private const long DiskBlockBytes = 4096;

    public static TheoryData<string, string[]> NeededNames => new()
    {
        { "-decoders", ["h264", "hevc", "vp8", "vp9", "libdav1d", "mpeg4", "mpeg2video", "mjpeg", "png", "aac", "mp3float", "vorbis", "opus", "flac", "alac", "ac3", "eac3", "wmav2", "amrnb", "amrwb", "pcm_s16le", "subrip", "webvtt", "mov_text"] },
        { "-encoders", ["libmp3lame", "aac", "alac", "libvorbis", "libopus", "flac", "wmav2", "ac3", "pcm_s16le", "libopencore_amrnb", "libx264", "libx265", "libvpx-vp9", "mjpeg", "png", "webvtt", "srt"] },
        { "-demuxers", ["mov", "mp4", "3gp", "matroska", "webm", "flv", "avi", "mpegts", "mp3", "aac", "wav", "ogg", "flac", "amr", "asf", "hls", "dash", "lavfi", "ffmetadata"] },
        { "-muxers", ["mp4", "mov", "3gp", "matroska", "webm", "mp3", "adts", "ogg", "flac", "wav", "asf", "ac3", "amr", "image2", "webvtt", "segment", "hls", "s16le", "null"] },
        { "-filters", ["aresample", "aformat", "atrim", "loudnorm", "volume", "amix", "silencedetect", "scale", "fps", "format", "trim", "setpts", "crop", "pad", "transpose", "thumbnail", "select", "tile"] },
        { "-protocols", ["file", "pipe", "data", "http", "https", "tcp", "tls", "hls", "crypto"] },
    };

    public static TheoryData<string[], string, string, string[]> VideoAndPictureOutputs => new()
    {
        { ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"], "mp4", "mp4", ["h264", "aac"] },
        { ["-c:v", "libx265", "-preset", "ultrafast", "-c:a", "aac"], "mp4", "mp4", ["hevc", "aac"] },
        { ["-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus"], "webm", "webm", ["vp9", "opus"] },
        { ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "libmp3lame"], "matroska", "mkv", ["h264", "mp3"] },
        { ["-vn", "-c:a", "libopencore_amrnb", "-ar", "8000", "-ac", "1", "-b:a", "12.2k"], "amr", "amr", ["amr_nb"] },
        { ["-an", "-frames:v", "1", "-c:v", "mjpeg"], "image2", "jpg", ["mjpeg"] },
        { ["-an", "-frames:v", "1", "-c:v", "png"], "image2", "png", ["png"] },
    };

    [Fact]
    public void Dist_OnDisk_IsUnder150MB()
    {
        var files = new DirectoryInfo(layer.Dist).EnumerateFiles("*", SearchOption.AllDirectories).ToList();

        // What du counts: whole blocks of the file system.
        var bytes = files.Sum(file => (file.Length + DiskBlockBytes - 1) / DiskBlockBytes * DiskBlockBytes);

        Assert.Contains(files, file => file.Name == "libavcodec.so.59");
        Assert.True(bytes < MaxLayerBytes, $"ffmpeg-layer/dist takes {bytes / 1_000_000} MB.");
    }

    [Theory]
    [MemberData(nameof(NeededNames))]
    public async Task Ffmpeg_ListingOption_NamesWhatTheProductUses(string option, string[] needed)
    {
        var result = await layer.RunHiddenAsync(layer.Ffmpeg, ["-hide_banner", option], FfmpegLayerFixture.Timeout(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        var listed = ListedNames(option, result.StandardOutput);
        Assert.Empty(needed.Except(listed));
    }

    [Theory]
    [MemberData(nameof(VideoAndPictureOutputs))]
    public async Task Ffmpeg_SystemLibrariesHidden_EncodesVideoAndPictures(string[] encoderArguments, string muxer, string extension, string[] codecs)
    {
        var output = Path.Combine(layer.Folder, $"{Guid.NewGuid():N}.{extension}");

        var result = await layer.RunHiddenAsync(layer.Ffmpeg,
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", layer.Input, .. encoderArguments, "-f", muxer, output],
            FfmpegLayerFixture.Timeout(120));

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = await ProbeAsync(output);
        Assert.Equal(codecs, probe.Codecs);
    }

    [Fact]
    public async Task Ffmpeg_SrtSubtitles_ConvertsToWebVtt()
    {
        var srt = Path.Combine(layer.Folder, $"{Guid.NewGuid():N}.srt");
        await File.WriteAllTextAsync(srt, "1\n00:00:00,500 --> 00:00:02,000\nHello\n\n2\n00:00:02,500 --> 00:00:04,000\nWorld\n");
        var vtt = Path.ChangeExtension(srt, "vtt");

        var result = await layer.RunHiddenAsync(layer.Ffmpeg,
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", srt, "-c:s", "webvtt", "-f", "webvtt", vtt],
            FfmpegLayerFixture.Timeout(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = await File.ReadAllTextAsync(vtt);
        Assert.StartsWith("WEBVTT", text, StringComparison.Ordinal);
        Assert.Contains("00:02.500 --> 00:04.000", text, StringComparison.Ordinal);
        Assert.Contains("World", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ffprobe_HlsOverHttp_ReadsEverySegment()
    {
        var folder = Path.Combine(layer.Folder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var segment = await layer.RunHiddenAsync(layer.Ffmpeg,
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", layer.Input, "-c", "copy",
                "-f", "hls", "-hls_time", "1", "-hls_list_size", "0", Path.Combine(folder, "playlist.m3u8")],
            FfmpegLayerFixture.Timeout(60));
        Assert.True(segment.ExitCode == 0, segment.ToString());
        await using var server = new LoopbackFileServer(folder);

        var probe = await ProbeAsync(new Uri(server.BaseAddress, "playlist.m3u8").ToString());

        Assert.True(Directory.GetFiles(folder, "*.ts").Length > 1, "The input was cut into one segment only.");
        Assert.Equal(["h264", "aac"], probe.Codecs);
        Assert.InRange(probe.DurationSeconds, 2.8, 3.3);
    }

    [Fact]
    public async Task SystemFfmpeg_SystemLibrariesHidden_CannotStart()
    {
        // The control: proves the namespace hides what the layer must not use.
        var result = await layer.RunHiddenAsync("/usr/bin/ffmpeg", ["-version"], FfmpegLayerFixture.Timeout(30));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error while loading shared libraries", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ffmpeg")]
    [InlineData("ffprobe")]
    [InlineData("lib/libopencore-amrnb.so.0")]
    public async Task Loader_LayerFile_ResolvesEveryLibraryButGlibcInsideTheLayer(string file)
    {
        // Run where the system still has its own copies: RUNPATH must win over them.
        var result = await ChildProcess.RunAsync(
            FfmpegLayerFixture.Loader, ["--list", Path.Combine(layer.Dist, file)], FfmpegLayerFixture.Timeout(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        var resolved = ResolvedLibraries(result.StandardOutput);
        Assert.NotEmpty(resolved);
        Assert.All(resolved, library => Assert.True(
            FfmpegLayerFixture.GlibcNames.Contains(library.Name) || library.Path == Path.Combine(layer.DistLibraries, library.Name),
            $"{library.Name} comes from {library.Path}"));
    }

    [Fact]
    public async Task AmrNbLibrary_SystemLibrariesHidden_LoadsWithItsDependencies()
    {
        var library = Path.Combine(layer.DistLibraries, "libopencore-amrnb.so.0");

        var result = await layer.RunHiddenAsync(FfmpegLayerFixture.Loader, ["--list", library], FfmpegLayerFixture.Timeout(30));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("not found", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(ResolvedLibraries(result.StandardOutput), dependency => dependency.Name == "libc.so.6");
    }

    [Fact]
    public async Task Ffprobe_SystemLibrariesHidden_ProbesTheGeneratedFile()
    {
        var probe = await ProbeAsync(layer.Input);

        Assert.Equal(["h264", "aac"], probe.Codecs);
        Assert.InRange(probe.DurationSeconds, 2.9, 3.2);
    }

    [Theory]
    [MemberData(nameof(FormatsEncodedByFfmpeg))]
    public async Task Ffmpeg_SystemLibrariesHidden_EncodesTheFormat(AudioFormat format)
    {
        var profile = AudioFormatCatalog.Get(format);
        var output = Path.Combine(layer.Folder, profile.FileName(Guid.NewGuid().ToString("N")));

        var result = await layer.RunHiddenAsync(layer.Ffmpeg,
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", layer.Input, "-vn", .. profile.EncoderArguments, "-f", profile.Muxer, output],
            FfmpegLayerFixture.Timeout(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = await ProbeAsync(output);
        Assert.Equal([profile.Codec], probe.Codecs);
        Assert.InRange(probe.DurationSeconds, 2.8, 3.3);
    }

    private async Task<(string[] Codecs, double DurationSeconds)> ProbeAsync(string file)
    {
        var result = await layer.RunHiddenAsync(layer.Ffprobe,
            ["-v", "error", "-show_entries", "stream=codec_name:format=duration", "-of", "json", file],
            FfmpegLayerFixture.Timeout(30));
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.StandardOutput);
        var codecs = json.RootElement.GetProperty("streams").EnumerateArray()
            .Select(stream => stream.GetProperty("codec_name").GetString() ?? "")
            .ToArray();
        // A single picture has no duration.
        var duration = json.RootElement.GetProperty("format").TryGetProperty("duration", out var value)
            ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
            : double.NaN;
        return (codecs, duration);
    }

    /// <summary>
    /// The names in what <c>ffmpeg -hide_banner <paramref name="option"/></c> printed: the name column of each
    /// codec, format and filter line (formats list aliases joined by commas), or the input protocols.
    /// </summary>
    private static HashSet<string> ListedNames(string option, string listing)
    {
        var lines = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IEnumerable<string> names = option switch
        {
            "-protocols" => lines.SkipWhile(line => line != "Input:").Skip(1).TakeWhile(line => line != "Output:"),
            "-filters" => lines.Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length >= 3 && parts[2].Contains("->", StringComparison.Ordinal))
                .Select(parts => parts[1]),
            "-muxers" or "-demuxers" => lines.SkipWhile(line => line != "--").Skip(1)
                .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].Split(',')),
            _ => lines.SkipWhile(line => !line.StartsWith("---", StringComparison.Ordinal)).Skip(1)
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]),
        };
        return [.. names];
    }

    /// <summary>The <c>name =&gt; path</c> lines of the loader's <c>--list</c> output.</summary>
    private static List<(string Name, string Path)> ResolvedLibraries(string listing) =>
        [.. listing.Split('\n')
            .Select(line => line.Trim().Split(' '))
            .Where(parts => parts.Length >= 3 && parts[1] == "=>")
            .Select(parts => (parts[0], parts[2]))];
}
