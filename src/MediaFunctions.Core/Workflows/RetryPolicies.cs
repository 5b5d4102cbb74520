using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows;

/// <summary>The retry schedules of activities, by the kind of work they do.</summary>
public static class RetryPolicies
{
    /// <summary>Storage calls: 4 attempts, 1 s then 2 s then 4 s apart — rides out a throttled or restarting account.</summary>
    public static RetryPolicy Storage { get; } = new(4, TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromSeconds(30));

    // NOTE: renders get no retry policy: when ffmpeg fails it is the media, and a second run fails
    // the same way, later. A render interrupted by a crash still runs again (at least once).
}
