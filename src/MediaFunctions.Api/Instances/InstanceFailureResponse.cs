using System.Text.Json.Serialization;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Api.Instances;

/// <summary>A failure without its stack trace: the type and message, and the failure inside it.</summary>
public sealed record InstanceFailureResponse(string ErrorType, string ErrorMessage)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public InstanceFailureResponse? InnerFailure { get; init; }

    public static InstanceFailureResponse From(TaskFailureDetails details) =>
        new(details.ErrorType, details.ErrorMessage)
        {
            InnerFailure = details.InnerFailure is { } inner ? From(inner) : null,
        };
}
