using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Jobs;

/// <summary>
/// Passes a job's stage and ffmpeg's progress to the job's orchestration as <see cref="JobProgress"/>
/// events: a new stage at once, progress at most one every two seconds and only when the whole percentage
/// moved, so however long a render runs it raises at most 99 progress events per stage (each one an
/// orchestrator episode in Durable Functions). Best effort: a lost report only delays the next one.
/// </summary>
internal sealed class JobProgressReporter(IOrchestrationClient orchestrations, string instanceId, string eventName, string stage, TimeProvider clock)
    : IProgress<FfmpegProgress>
{
    /// <summary>The least time between two progress events.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private DateTimeOffset _last = clock.GetUtcNow();
    private string _stage = stage;
    private int _percent;

    public void Report(FfmpegProgress value)
    {
        var percent = (int)Math.Clamp((value.Fraction ?? 0) * 100, 0, 99);
        var now = clock.GetUtcNow();
        if (percent <= _percent || now - _last < Interval)
        {
            return;
        }

        _percent = percent;
        _last = now;
        _ = RaiseAsync(new JobProgress(_stage, percent));
    }

    /// <summary>The job enters <paramref name="newStage"/> at <paramref name="percent"/>; told now, not on the next interval.</summary>
    public Task EnterStageAsync(string newStage, int percent)
    {
        _stage = newStage;
        _percent = percent;
        _last = clock.GetUtcNow();
        return RaiseAsync(new JobProgress(newStage, percent));
    }

    private async Task RaiseAsync(JobProgress progress)
    {
        try
        {
            await orchestrations.RaiseEventAsync(instanceId, eventName, progress);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Progress is advisory; the job goes on.
        }
    }
}
