namespace MediaFunctions.Cli.Configuration;

/// <summary>Where the API is and the key to send it: what every command needs before its first request.</summary>
/// <param name="BaseUrl">The API's base address, e.g. <c>http://localhost:7071</c>.</param>
/// <param name="Key">The API key, sent as <c>Authorization: Bearer</c>.</param>
public sealed record ApiConnection(Uri BaseUrl, string Key);
