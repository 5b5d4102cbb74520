using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.ExtractAudio;

/// <summary>
/// Passes ffmpeg's progress to the job's orchestration as events, at most one every two seconds
/// and only when the percentage moved, so a long render adds a handful of history events.
/// Best effort: a lost report only delays the next one.
/// </summary>
internal sealed class JobProgressReporter(IOrchestrationClient orchestrations, string instanceId, string eventName) : IProgress<FfmpegProgress>
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private DateTimeOffset _last = DateTimeOffset.UtcNow;
    private int _percent;

    public void Report(FfmpegProgress value)
    {
        var percent = (int)Math.Clamp((value.Fraction ?? 0) * 100, 0, 99);
        var now = DateTimeOffset.UtcNow;
        if (percent <= _percent || now - _last < Interval)
        {
            return;
        }

        _percent = percent;
        _last = now;
        _ = RaiseAsync(percent);
    }

    private async Task RaiseAsync(int percent)
    {
        try
        {
            await orchestrations.RaiseEventAsync(instanceId, eventName, percent);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Progress is advisory; the render goes on.
        }
    }
}
