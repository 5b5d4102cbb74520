using System.Diagnostics;

namespace MediaFunctions.Core.Telemetry;

/// <summary>
/// The app's one <see cref="ActivitySource"/> and the name its <see cref="MediaFunctionsMetrics"/> meter shares. Both cost
/// nothing while no listener subscribes: <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and
/// instruments drop their measurements, so telemetry that is off does no work.
/// </summary>
public static class MediaFunctionsTelemetry
{
    /// <summary>The name of the spans' source and of the meter, as an exporter subscribes to them.</summary>
    public const string Name = "MediaFunctions";

    /// <summary>Where the app's own spans come from: ffmpeg and yt-dlp runs, webhook attempts, the orchestrator-independent work.</summary>
    public static ActivitySource Source { get; } = new(Name);
}
