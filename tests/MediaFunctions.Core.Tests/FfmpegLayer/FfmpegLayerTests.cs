using System.Globalization;
using System.Text.Json;
using MediaFunctions.Core.Media.Audio;

namespace MediaFunctions.Core.Tests.FfmpegLayer;

/// <summary>
/// The layer runs with nothing from the system but glibc: it probes, encodes every format ffmpeg writes for
/// the API, and carries the AMR-NB library our encoder loads.
/// </summary>
public class FfmpegLayerTests(FfmpegLayerFixture layer) : IClassFixture<FfmpegLayerFixture>
{
    public static TheoryData<AudioFormat> FormatsEncodedByFfmpeg =>
        [.. AudioFormatCatalog.All.Where(profile => profile.EncodedByFfmpeg).Select(profile => profile.Format)];

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
        var result = await FfmpegLayerFixture.RunAsync(
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
        var duration = double.Parse(json.RootElement.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        return (codecs, duration);
    }

    /// <summary>The <c>name =&gt; path</c> lines of the loader's <c>--list</c> output.</summary>
    private static List<(string Name, string Path)> ResolvedLibraries(string listing) =>
        [.. listing.Split('\n')
            .Select(line => line.Trim().Split(' '))
            .Where(parts => parts.Length >= 3 && parts[1] == "=>")
            .Select(parts => (parts[0], parts[2]))];
}
