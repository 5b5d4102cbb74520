namespace MediaFunctions.Cli.Events;

/// <summary>One event of a <c>text/event-stream</c>: its <c>id:</c> (for <c>Last-Event-ID</c>), <c>event:</c> type and joined <c>data:</c> lines.</summary>
public sealed record ServerSentEvent(string? Id, string Type, string Data);
