using System.Diagnostics;

namespace MediaFunctions.Bench.Extract;

/// <summary>
/// A fixed background load for a benchmark: a child shell spinning in a loop keeps one core busy until disposed, so
/// a job and bare ffmpeg can be compared on a loaded machine the same way every run (a build beside them is not).
/// </summary>
internal sealed class BusyCore : IDisposable
{
    private readonly Process _spinner;

    private BusyCore(Process spinner) => _spinner = spinner;

    public static BusyCore Start() => new(Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]))!);

    public void Dispose()
    {
        _spinner.Kill();
        _spinner.WaitForExit();
        _spinner.Dispose();
    }
}
