using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Finds ffmpeg and ffprobe: the configured <c>Ffmpeg:BinaryFolder</c>, else the bundled
/// <c>ffmpeg-layer/dist</c> (next to the app, or at the root of the repository it runs from), else PATH.
/// </summary>
public sealed class FfmpegLocator
{
    private const string BundleFolder = "ffmpeg-layer/dist";

    private readonly string? _binaryFolder;
    private readonly IReadOnlyList<string> _bundleCandidates;
    private readonly string? _pathVariable;
    private readonly Lazy<FfmpegBinaries> _binaries;

    public FfmpegLocator(IOptions<FfmpegOptions> options)
        : this(options.Value.BinaryFolder, BundleCandidates(AppContext.BaseDirectory), Environment.GetEnvironmentVariable("PATH"))
    {
    }

    internal FfmpegLocator(string? binaryFolder, IReadOnlyList<string> bundleCandidates, string? pathVariable)
    {
        _binaryFolder = binaryFolder;
        _bundleCandidates = bundleCandidates;
        _pathVariable = pathVariable;
        _binaries = new Lazy<FfmpegBinaries>(Locate);
    }

    /// <summary>The executables to run; found once, then remembered.</summary>
    /// <exception cref="FfmpegNotFoundException">Neither place holds both executables.</exception>
    public FfmpegBinaries Binaries => _binaries.Value;

    private FfmpegBinaries Locate()
    {
        if (!string.IsNullOrWhiteSpace(_binaryFolder))
        {
            // An explicit setting is never silently replaced by another ffmpeg.
            return InFolder(_binaryFolder)
                ?? throw new FfmpegNotFoundException([$"{_binaryFolder} (Ffmpeg:BinaryFolder)"]);
        }

        var searched = new List<string>();
        foreach (var folder in _bundleCandidates)
        {
            searched.Add($"{folder} (bundled layer)");
            if (InFolder(folder) is { } bundled)
            {
                return bundled;
            }
        }

        foreach (var folder in (_pathVariable ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (InFolder(folder) is { } onPath)
            {
                return onPath;
            }
        }

        searched.Add($"PATH ({_pathVariable})");
        throw new FfmpegNotFoundException(searched);
    }

    private static FfmpegBinaries? InFolder(string folder)
    {
        var suffix = OperatingSystem.IsWindows() ? ".exe" : "";
        var ffmpeg = Path.GetFullPath(Path.Combine(folder, "ffmpeg" + suffix));
        var ffprobe = Path.GetFullPath(Path.Combine(folder, "ffprobe" + suffix));
        return File.Exists(ffmpeg) && File.Exists(ffprobe) ? new FfmpegBinaries(ffmpeg, ffprobe) : null;
    }

    /// <summary>The app's own folder first (the deployed bundle), then each parent (a repository checkout).</summary>
    internal static IReadOnlyList<string> BundleCandidates(string baseDirectory)
    {
        var candidates = new List<string>();
        for (var directory = new DirectoryInfo(baseDirectory); directory is not null; directory = directory.Parent)
        {
            candidates.Add(Path.Combine(directory.FullName, BundleFolder));
        }

        return candidates;
    }
}
