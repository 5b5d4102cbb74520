namespace MediaFunctions.Api.Jobs;

/// <summary>Where a JSON job's media is: exactly one of a URL and a completed upload session.</summary>
/// <param name="Url">http or https, on a public address unless the service allows private ones.</param>
/// <param name="Upload">The id (<c>up-…</c>) of a completed upload of the same key (<c>POST /api/uploads</c>); one job takes it.</param>
public sealed record JobSourceBody(string? Url, string? Upload = null);
