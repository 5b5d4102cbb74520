namespace MediaFunctions.Core.RateLimits;

/// <summary>
/// Whether a request may go ahead, and the window a client should watch: for an allowed request the
/// one with the fewest requests left (the longest of equals), for a refused one the full window
/// that resets last.
/// </summary>
/// <param name="IsAllowed">False when a window is full; the request was not counted.</param>
/// <param name="Window">The window the other members describe.</param>
/// <param name="Limit">That window's limit.</param>
/// <param name="Remaining">Requests left in it after this one.</param>
/// <param name="ResetsAt">When it ends (a whole second, UTC).</param>
public sealed record RateLimitDecision(bool IsAllowed, RateLimitWindow Window, int Limit, int Remaining, DateTimeOffset ResetsAt);
