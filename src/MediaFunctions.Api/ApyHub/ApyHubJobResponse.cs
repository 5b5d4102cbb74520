using System.Text.Json.Serialization;

namespace MediaFunctions.Api.ApyHub;

/// <summary>ApyHub's answer to a submitted job: <c>{"job_id":"…"}</c>.</summary>
public sealed record ApyHubJobResponse([property: JsonPropertyName("job_id")] string JobId);
