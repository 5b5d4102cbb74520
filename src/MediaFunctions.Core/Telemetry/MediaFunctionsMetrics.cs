using System.Diagnostics.Metrics;

namespace MediaFunctions.Core.Telemetry;

/// <summary>
/// The app's one meter (named <see cref="MediaFunctionsTelemetry.Name"/>) and its instruments: jobs accepted, completed
/// and failed by kind, how long ffmpeg runs, how many jobs wait or run, what URL sources cost in bytes against their
/// size, and webhook attempts. Made by the host's <see cref="IMeterFactory"/> when there is one, so each app's meter
/// goes with its container.
/// </summary>
public sealed class MediaFunctionsMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly bool _ownsMeter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _completed;
    private readonly Counter<long> _failed;
    private readonly Histogram<double> _renderSeconds;
    private readonly Counter<long> _sourceBytesFetched;
    private readonly Counter<long> _sourceBytesTotal;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Counter<long> _webhookRetries;

    /// <param name="meterFactory">The host's factory; without one (tests that build a runner by hand) the meter is this object's own.</param>
    public MediaFunctionsMetrics(IMeterFactory? meterFactory = null)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MediaFunctionsTelemetry.Name) ?? new Meter(MediaFunctionsTelemetry.Name);
        _accepted = _meter.CreateCounter<long>("mediafunctions.jobs.accepted", "{job}", "Jobs accepted and started, by kind.");
        _completed = _meter.CreateCounter<long>("mediafunctions.jobs.completed", "{job}", "Jobs that ended completed, by kind.");
        _failed = _meter.CreateCounter<long>("mediafunctions.jobs.failed", "{job}", "Jobs that ended failed, by kind.");
        _renderSeconds = _meter.CreateHistogram<double>("mediafunctions.render.duration", "s", "How long each ffmpeg run took, by job kind.");
        _sourceBytesFetched = _meter.CreateCounter<long>("mediafunctions.source.bytes_fetched", "By",
            "Bytes read from URL sources' origins, by job kind: what a clip cost against mediafunctions.source.bytes_total.");
        _sourceBytesTotal = _meter.CreateCounter<long>("mediafunctions.source.bytes_total", "By", "The sizes URL sources' origins declared, by job kind.");
        _webhookDeliveries = _meter.CreateCounter<long>("mediafunctions.webhook.deliveries", "{attempt}", "Webhook attempts, by outcome (delivered or failed).");
        _webhookRetries = _meter.CreateCounter<long>("mediafunctions.webhook.retries", "{attempt}", "Webhook attempts after a delivery's first.");
    }

    /// <summary>A job was accepted and its orchestration started.</summary>
    public void JobAccepted(string kind) => _accepted.Add(1, KindTag(kind));

    /// <summary>A job's orchestration ended: completed when <paramref name="succeeded"/>, failed otherwise.</summary>
    public void JobEnded(string kind, bool succeeded) => (succeeded ? _completed : _failed).Add(1, KindTag(kind));

    /// <summary>One ffmpeg run of a job of <paramref name="kind"/> (null outside a job) took <paramref name="duration"/>.</summary>
    public void RenderRan(string? kind, TimeSpan duration) => _renderSeconds.Record(duration.TotalSeconds, KindTag(kind));

    /// <summary>A URL source was read: <paramref name="bytesFetched"/> from its origins, of <paramref name="sourceBytes"/> (null: not declared).</summary>
    public void SourceRead(string? kind, long bytesFetched, long? sourceBytes)
    {
        _sourceBytesFetched.Add(bytesFetched, KindTag(kind));
        if (sourceBytes is { } total)
        {
            _sourceBytesTotal.Add(total, KindTag(kind));
        }
    }

    /// <summary>One webhook attempt, the <paramref name="attempt"/>th of its delivery.</summary>
    public void WebhookAttempted(bool delivered, int attempt)
    {
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Outcome, delivered ? "delivered" : "failed"));
        if (attempt > 1)
        {
            _webhookRetries.Add(1);
        }
    }

    /// <summary>Reports the jobs queued or running each time the gauge is read: <paramref name="count"/>'s last known value, nothing while unknown.</summary>
    public void ObserveQueuedJobs(Func<int?> count) =>
        _meter.CreateObservableGauge("mediafunctions.jobs.queued", () => count() is { } known ? [new Measurement<int>(known)] : Array.Empty<Measurement<int>>(),
            "{job}", "Jobs queued or running, as the admission check last counted them.");

    private static KeyValuePair<string, object?> KindTag(string? kind) => new(TelemetryTags.JobKind, kind ?? "none");

    public void Dispose()
    {
        if (_ownsMeter)
        {
            _meter.Dispose();
        }
    }
}
