using System.Text.Json;
using System.Text.Json.Serialization;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Api.Instances;

/// <summary>
/// One history event as Durable Functions shows it in <c>historyEvents</c> (PascalCase names, as
/// there). Inputs and results appear only with <c>showHistoryOutput=true</c>.
/// </summary>
public sealed record InstanceHistoryEventResponse(
    [property: JsonPropertyName("EventType")] string EventType,
    [property: JsonPropertyName("Timestamp")] string Timestamp)
{
    [JsonPropertyName("FunctionName"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FunctionName { get; init; }

    [JsonPropertyName("TaskId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TaskId { get; init; }

    [JsonPropertyName("Input"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Input { get; init; }

    [JsonPropertyName("Result"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonElement? Result { get; init; }

    [JsonPropertyName("FailureDetails"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InstanceFailureResponse? FailureDetails { get; init; }

    [JsonPropertyName("FireAt"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FireAt { get; init; }

    public static InstanceHistoryEventResponse From(OrchestrationHistoryEvent historyEvent, bool showOutput) =>
        new(historyEvent.EventType, InstanceStatusResponse.FormatTime(historyEvent.Timestamp))
        {
            FunctionName = historyEvent.Name,
            TaskId = historyEvent.TaskId,
            Input = showOutput ? JsonPayload.Parse(historyEvent.Input) : null,
            Result = showOutput ? JsonPayload.Parse(historyEvent.Result) : null,
            FailureDetails = historyEvent.FailureDetails is { } failure ? InstanceFailureResponse.From(failure) : null,
            FireAt = historyEvent.FireAt is { } fireAt
                ? InstanceStatusResponse.FormatTime(new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)))
                : null,
        };
}
