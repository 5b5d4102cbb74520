using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Testing.Media;

/// <summary>The real runner and prober, with ffmpeg found the way the service finds it.</summary>
public static class FfmpegTools
{
    public static FfmpegRunner Runner(FfmpegOptions? options = null)
    {
        var wrapped = Options.Create(options ?? new FfmpegOptions());
        return new FfmpegRunner(new FfmpegLocator(wrapped), wrapped, new MediaFunctionsMetrics());
    }

    /// <summary>
    /// Debian's full ffmpeg (installed by the scripts), for test media the service's lean ffmpeg-layer build
    /// has no use for making itself: <c>testsrc2</c> pictures, DASH and HLS output.
    /// </summary>
    public static FfmpegRunner SystemRunner() => Runner(new FfmpegOptions { BinaryFolder = "/usr/bin" });

    public static MediaProber Prober(FfmpegOptions? options = null)
    {
        var wrapped = Options.Create(options ?? new FfmpegOptions());
        return new MediaProber(new FfmpegLocator(wrapped), wrapped);
    }

    /// <summary>A token that ends a test that hangs.</summary>
    public static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    /// <summary>True while any process has <paramref name="marker"/> in its command line.</summary>
    public static bool IsProcessRunningWith(string marker) => ProcessIdsWith(marker).Any();

    /// <summary>The processes that have <paramref name="marker"/> in their command line.</summary>
    public static IEnumerable<int> ProcessIdsWith(string marker) =>
        Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var id) ? id : 0)
            .Where(id => id > 0)
            .Where(id =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{id}/cmdline").Contains(marker, StringComparison.Ordinal);
                }
                catch (IOException)
                {
                    return false;
                }
                catch (UnauthorizedAccessException)
                {
                    return false;
                }
            });

    /// <summary>The nice value of each thread of a running process (Linux keeps one per thread; a new thread takes its creator's).</summary>
    public static IReadOnlyList<int> ThreadNiceValues(int processId) => [.. Directory.GetDirectories($"/proc/{processId}/task").Select(NiceOf)];

    /// <summary>The nice value of a process or thread: the 19th field of its stat line, counted past the command name (which may hold spaces).</summary>
    public static int NiceOf(string procFolder) =>
        int.Parse(File.ReadAllText(Path.Combine(procFolder, "stat")).Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16],
            System.Globalization.CultureInfo.InvariantCulture);
}
