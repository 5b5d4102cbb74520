using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public sealed class FfmpegLocatorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mf-locator-" + Guid.NewGuid().ToString("N"));

    public FfmpegLocatorTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string FolderWithBinaries(string name)
    {
        var folder = Path.Combine(_folder, name);
        Directory.CreateDirectory(folder);
        File.CreateSymbolicLink(Path.Combine(folder, "ffmpeg"), "/usr/bin/ffmpeg");
        File.CreateSymbolicLink(Path.Combine(folder, "ffprobe"), "/usr/bin/ffprobe");
        return folder;
    }

    [Fact]
    public void Binaries_ConfiguredFolder_WinsOverBundleAndPath()
    {
        var configured = FolderWithBinaries("configured");
        var bundle = FolderWithBinaries("ffmpeg-layer/dist");

        var binaries = new FfmpegLocator(configured, [bundle], "/usr/bin").Binaries;

        Assert.Equal(new FfmpegBinaries(Path.Combine(configured, "ffmpeg"), Path.Combine(configured, "ffprobe")), binaries);
    }

    [Fact]
    public void Binaries_ConfiguredFolderWithoutThem_FailsNamingTheFolderInsteadOfFallingBack()
    {
        var empty = Path.Combine(_folder, "empty");
        Directory.CreateDirectory(empty);

        var error = Assert.Throws<FfmpegNotFoundException>(() => new FfmpegLocator(empty, [], "/usr/bin").Binaries);

        Assert.Contains(empty, error.Message, StringComparison.Ordinal);
        Assert.Contains("Ffmpeg:BinaryFolder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binaries_NotConfigured_TakesTheFirstBundleThatHoldsBoth()
    {
        var missing = Path.Combine(_folder, "app/ffmpeg-layer/dist");
        var bundle = FolderWithBinaries("repo/ffmpeg-layer/dist");

        var binaries = new FfmpegLocator(null, [missing, bundle], "/usr/bin").Binaries;

        Assert.Equal(Path.Combine(bundle, "ffmpeg"), binaries.FfmpegPath);
    }

    [Fact]
    public void Binaries_NoBundle_FallsBackToPath()
    {
        var binaries = new FfmpegLocator(null, [Path.Combine(_folder, "none")], $"{_folder}:/usr/bin").Binaries;

        Assert.Equal(new FfmpegBinaries("/usr/bin/ffmpeg", "/usr/bin/ffprobe"), binaries);
    }

    [Fact]
    public void Binaries_NowhereToBeFound_NamesEveryPlaceItLooked()
    {
        var bundle = Path.Combine(_folder, "ffmpeg-layer/dist");

        var error = Assert.Throws<FfmpegNotFoundException>(() => new FfmpegLocator(null, [bundle], _folder).Binaries);

        Assert.Equal([$"{bundle} (bundled layer)", $"PATH ({_folder})"], error.SearchedLocations);
        Assert.Contains(bundle, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BundleCandidates_AppFolder_ThenEachParentUpToTheRoot()
    {
        Assert.Equal(
            ["/srv/app/bin/ffmpeg-layer/dist", "/srv/app/ffmpeg-layer/dist", "/srv/ffmpeg-layer/dist", "/ffmpeg-layer/dist"],
            FfmpegLocator.BundleCandidates("/srv/app/bin/"));
    }
}
