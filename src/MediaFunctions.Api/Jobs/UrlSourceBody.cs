namespace MediaFunctions.Api.Jobs;

/// <summary>A source read from a URL: http or https, on a public address unless the service allows private ones.</summary>
public sealed record UrlSourceBody(string? Url);
