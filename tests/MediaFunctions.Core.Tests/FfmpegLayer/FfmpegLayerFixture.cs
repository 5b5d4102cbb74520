using System.Security.Cryptography;
using MediaFunctions.Testing;

namespace MediaFunctions.Core.Tests.FfmpegLayer;

/// <summary>
/// The built <c>ffmpeg-layer/dist</c> (built by <c>ffmpeg-layer/build.sh</c> when it is missing or was built by
/// another version of the script; ffmpeg is compiled then, which takes minutes), a folder with
/// only glibc in it, and a way to run a program in a mount namespace whose system library folder holds only
/// that glibc: what the layer may rely on in the Functions image.
/// </summary>
public sealed class FfmpegLayerFixture : IAsyncLifetime
{
    /// <summary>The sonames of glibc and its loader, the only libraries the layer takes from the system.</summary>
    public static readonly IReadOnlySet<string> GlibcNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "libmvec.so.1", "libpthread.so.0", "libdl.so.2",
        "librt.so.1", "libresolv.so.2", "libutil.so.1", "libanl.so.1",
    };

    public const string SystemLibraryFolder = "/usr/lib/x86_64-linux-gnu";

    public const string Loader = "/lib64/ld-linux-x86-64.so.2";

    // Runs in the new mount namespace: hides the system's libraries behind the glibc-only folder, then
    // becomes the program, which from then on sees nothing else there.
    private const string HideAndExec = "mount --bind \"$1\" " + SystemLibraryFolder + " && shift && exec \"$@\"";

    // Compiling ffmpeg on 2 busy cores.
    private const int BuildSeconds = 45 * 60;

    private static readonly string BuildScript = Path.Combine(RepositoryPaths.Root, "ffmpeg-layer", "build.sh");

    public string Dist { get; } = Path.Combine(RepositoryPaths.Root, "ffmpeg-layer", "dist");

    public string DistLibraries => Path.Combine(Dist, "lib");

    public string Ffmpeg => Path.Combine(Dist, "ffmpeg");

    public string Ffprobe => Path.Combine(Dist, "ffprobe");

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-layer-" + Guid.NewGuid().ToString("N"));

    private string GlibcFolder => Path.Combine(Folder, "glibc");

    /// <summary>3 s of H.264 test picture (a key frame every second) and a 440 Hz tone in AAC, 44.1 kHz stereo, made by the layer's own ffmpeg.</summary>
    public string Input => Path.Combine(Folder, "input.mp4");

    public async Task InitializeAsync()
    {
        if (!File.Exists(Ffmpeg) || !await BuiltByCurrentScriptAsync())
        {
            var build = await ChildProcess.RunAsync("bash", [BuildScript], Timeout(BuildSeconds));
            Assert.True(build.ExitCode == 0, $"ffmpeg-layer/build.sh failed: {build}");
        }

        Directory.CreateDirectory(GlibcFolder);
        foreach (var name in GlibcNames.Where(name => File.Exists(Path.Combine(SystemLibraryFolder, name))))
        {
            File.Copy(Path.Combine(SystemLibraryFolder, name), Path.Combine(GlibcFolder, name));
        }

        var generate = await RunHiddenAsync(Ffmpeg,
        [
            "-hide_banner", "-nostats", "-loglevel", "error",
            "-f", "lavfi", "-i", "testsrc=duration=3:size=160x120:rate=10",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=3",
            "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ac", "2", "-shortest", Input,
        ], Timeout(60));
        Assert.True(generate.ExitCode == 0, $"The layer's ffmpeg could not make the input: {generate}");
    }

    /// <summary>
    /// Whether dist/BUILD-INPUTS names this build.sh. Checked here, offline, instead of running the script, which
    /// also asks Debian for a newer ffmpeg source: a new Debian release should not start a build inside a test run.
    /// </summary>
    private async Task<bool> BuiltByCurrentScriptAsync()
    {
        var inputs = Path.Combine(Dist, "BUILD-INPUTS");
        if (!File.Exists(inputs))
        {
            return false;
        }

        await using var script = File.OpenRead(BuildScript);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(script));
        return (await File.ReadAllLinesAsync(inputs)).Contains($"build.sh {hash}");
    }

    /// <summary>Runs <paramref name="executable"/> where the system library folder holds only glibc.</summary>
    public Task<ProcessResult> RunHiddenAsync(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken) =>
        ChildProcess.RunAsync("unshare", ["--mount", "--map-root-user", "sh", "-c", HideAndExec, "sh", GlibcFolder, executable, .. arguments], cancellationToken);

    /// <summary>A token that ends a step that hangs.</summary>
    public static CancellationToken Timeout(int seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
