using System.Text.Json;

namespace MediaFunctions.Testing.Api;

/// <summary>One event of a <c>text/event-stream</c> response, its data parsed as JSON.</summary>
public sealed record ServerSentEvent(string? Id, string Name, JsonElement Data);
