using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Api.Instances;

/// <summary>
/// An instance as the Durable Functions HTTP API shows it. <see cref="Input"/>, <see cref="Output"/>
/// and <see cref="CustomStatus"/> are JSON values, not JSON in a string.
/// </summary>
public sealed record InstanceStatusResponse(
    string Name,
    string InstanceId,
    string RuntimeStatus,
    JsonElement? Input,
    JsonElement? CustomStatus,
    JsonElement? Output,
    string CreatedTime,
    string LastUpdatedTime)
{
    /// <summary>What the failure was, when the instance failed (never a stack trace).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InstanceFailureResponse? FailureDetails { get; init; }

    /// <summary>The recorded history, with <c>showHistory=true</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<InstanceHistoryEventResponse>? HistoryEvents { get; init; }

    /// <summary>The response for an instance; its input only when <paramref name="showInput"/>.</summary>
    public static InstanceStatusResponse From(OrchestrationMetadata metadata, bool showInput) =>
        new(metadata.Name,
            metadata.InstanceId,
            metadata.RuntimeStatus.ToString(),
            showInput ? JsonPayload.Parse(metadata.SerializedInput) : null,
            JsonPayload.Parse(metadata.SerializedCustomStatus),
            OutputOf(metadata),
            FormatTime(metadata.CreatedAt),
            FormatTime(metadata.LastUpdatedAt))
        {
            FailureDetails = metadata.FailureDetails is { } failure ? InstanceFailureResponse.From(failure) : null,
        };

    /// <summary>Times as Durable Functions writes them: UTC to the second, e.g. <c>2024-05-01T12:00:00Z</c>.</summary>
    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonElement? OutputOf(OrchestrationMetadata metadata) =>
        metadata.SerializedOutput is null && metadata.FailureDetails is { } failure
            // Durable Functions shows a failed instance's error message as its output.
            ? JsonSerializer.SerializeToElement(failure.ErrorMessage)
            : JsonPayload.Parse(metadata.SerializedOutput);
}
