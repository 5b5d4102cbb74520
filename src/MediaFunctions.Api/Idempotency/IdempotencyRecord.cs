namespace MediaFunctions.Api.Idempotency;

/// <summary>What is kept of one request under one key's <c>Idempotency-Key</c>: running, or its answer.</summary>
/// <param name="RequestHash">SHA-256 (hex) of method, path, media type and body; null while the first request runs.</param>
/// <param name="StatusCode">The answer's status; 0 while the first request runs.</param>
/// <param name="Body">The answer's body.</param>
/// <param name="Location">The answer's <c>Location</c> header, if any.</param>
/// <param name="StartedAt">When the first request began; a running record older than <see cref="IdempotentRequests.InFlightTimeout"/> is taken as abandoned.</param>
/// <param name="ExpiresAt">When the key may be used for something else.</param>
public sealed record IdempotencyRecord(
    string? RequestHash,
    int StatusCode,
    byte[]? Body,
    string? ContentType,
    string? Location,
    DateTimeOffset StartedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>True while the first request with the key is still running.</summary>
    public bool IsRunning => StatusCode == 0;
}
