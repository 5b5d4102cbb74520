using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Api.Events;

/// <summary>
/// How the live-progress streams (<c>…/events</c>) behave, bound from the "Api" section: how often the server reads the
/// resource again, how long a quiet stream waits before a keep-alive comment, and how long one response may last before
/// the server ends it with a <c>retry:</c> hint (the client then reconnects with <c>Last-Event-ID</c>).
/// </summary>
public sealed class EventStreamOptions
{
    public const string SectionName = "Api";

    /// <summary>
    /// How often a stream reads its resource (the same read its GET does); each read that finds a change sends an event.
    /// Short enough that progress looks live, long enough that a stream costs a few storage reads a second at most.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stream stays silent before it sends a <c>: keep-alive</c> comment, so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan EventKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The longest one response lasts; null for no limit (the self-host). Azure's front end cuts an HTTP response at 230 s,
    /// so the Functions app ends its streams before that and the client resumes from its last event id.
    /// </summary>
    public TimeSpan? EventStreamMaxDuration { get; set; }

    /// <summary>How long a client waits before it reconnects after the server ended a stream early (the <c>retry:</c> field).</summary>
    public static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
}
