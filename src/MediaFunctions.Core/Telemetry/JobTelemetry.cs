using System.Diagnostics;

namespace MediaFunctions.Core.Telemetry;

/// <summary>
/// Which job the work in this async flow belongs to. An activity enters it once (<see cref="Enter"/>), and everything it
/// calls (the ffmpeg runner, the source relay) tags its spans and measurements with it without being handed the job:
/// the runner serves every kind of job and knows none of them.
/// </summary>
/// <param name="Formats">The output formats asked for, when the job has several.</param>
public sealed record JobTelemetry(string JobId, string KeyId, string Kind, IReadOnlyList<string>? Formats = null)
{
    private static readonly AsyncLocal<JobTelemetry?> Ambient = new();

    /// <summary>The job of the current async flow, or null outside one.</summary>
    public static JobTelemetry? Current => Ambient.Value;

    /// <summary>Makes this the current job until the result is disposed, and tags the current span with it.</summary>
    public IDisposable Enter()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        Tag(Activity.Current);
        return new Exit(previous);
    }

    /// <summary>Puts the job's id, key id, kind and formats on <paramref name="activity"/> (nothing when it is null: no listener).</summary>
    public void Tag(Activity? activity)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(TelemetryTags.JobId, JobId);
        activity.SetTag(TelemetryTags.KeyId, KeyId);
        activity.SetTag(TelemetryTags.JobKind, Kind);
        if (Formats is { Count: > 0 })
        {
            activity.SetTag(TelemetryTags.Formats, string.Join(',', Formats));
        }
    }

    private sealed class Exit(JobTelemetry? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
