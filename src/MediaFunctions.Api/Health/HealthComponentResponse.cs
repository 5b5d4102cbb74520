namespace MediaFunctions.Api.Health;

/// <summary>One component of the health response.</summary>
/// <param name="Status">"healthy", "degraded" or "unhealthy".</param>
/// <param name="Description">What was found, e.g. "Storage is unreachable: …".</param>
/// <param name="DurationMs">How long the check took.</param>
public sealed record HealthComponentResponse(string Status, string? Description, long DurationMs);
