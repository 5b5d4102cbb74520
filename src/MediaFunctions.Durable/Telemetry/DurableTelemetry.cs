using System.Diagnostics;

namespace MediaFunctions.Durable.Telemetry;

/// <summary>
/// The engine's spans, from its own source as Durable Task's come from <c>Microsoft.DurableTask</c>: one span per
/// orchestration run and one per activity run, in the trace of the request that started the instance. That request's
/// W3C <c>traceparent</c> is kept with the instance's start (<see cref="History.ExecutionStarted.TraceParent"/>), so
/// the trace continues on whichever process runs the instance, and after a restart.
/// </summary>
public static class DurableTelemetry
{
    /// <summary>The source's name, as an exporter subscribes to it.</summary>
    public const string Name = "MediaFunctions.Durable";

    /// <summary>The span attribute with the instance id (a job's id, for a job).</summary>
    public const string InstanceIdTag = "mediafunctions.job.id";

    /// <summary>The span attribute with the orchestrator's or activity's name.</summary>
    public const string WorkflowTag = "mediafunctions.workflow";

    /// <summary>The orchestration span's attribute with how the instance ended (<c>Completed</c>, <c>Failed</c>, <c>Terminated</c>).</summary>
    public const string StatusTag = "mediafunctions.orchestration.status";

    private static readonly ActivitySource Source = new(Name);

    /// <summary>The current span's W3C traceparent, to keep with an instance being started; null without a W3C span.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>
    /// Starts the span of an orchestration's run in this process, a child of <paramref name="traceParent"/> when there is
    /// one; null without a listener. It does not become <see cref="Activity.Current"/>: it stays open across the steps.
    /// </summary>
    public static Activity? StartOrchestration(string name, string instanceId, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent);
        var previous = Activity.Current;
        var span = Source.StartActivity($"orchestration {name}", ActivityKind.Server, parent);
        Activity.Current = previous;
        span?.SetTag(InstanceIdTag, instanceId);
        span?.SetTag(WorkflowTag, name);
        return span;
    }

    /// <summary>Starts the span of one activity run as the current span, a child of its orchestration's span.</summary>
    public static Activity? StartActivity(string name, string instanceId, ActivityContext orchestration)
    {
        var span = Source.StartActivity($"activity {name}", ActivityKind.Internal, orchestration);
        span?.SetTag(InstanceIdTag, instanceId);
        span?.SetTag(WorkflowTag, name);
        return span;
    }
}
