using System.Text.Json.Serialization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaFunctions.Api.Health;

/// <summary>
/// The answer of <c>GET /api/health</c>: the overall status and one member per component, named as
/// the health check is registered (e.g. <c>"storage"</c>), so a new component adds a member.
/// </summary>
public sealed class HealthResponse
{
    /// <summary>"healthy", "degraded" or "unhealthy".</summary>
    public required string Status { get; init; }

    /// <summary>The components, written as members of the response object.</summary>
    [JsonExtensionData]
    public Dictionary<string, object> Components { get; init; } = [];

    /// <summary>The response for a health report.</summary>
    public static HealthResponse From(HealthReport report) => new()
    {
        Status = Name(report.Status),
        Components = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => (object)new HealthComponentResponse(Name(entry.Value.Status), entry.Value.Description, (long)entry.Value.Duration.TotalMilliseconds),
            StringComparer.Ordinal),
    };

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
