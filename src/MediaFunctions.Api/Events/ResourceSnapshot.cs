namespace MediaFunctions.Api.Events;

/// <summary>One read of a streamed resource: what its GET shows, and what names this version of it.</summary>
/// <param name="Version">
/// Derived from the resource itself (its updated-at ticks and progress), so every host instance names the same version
/// alike and a reconnecting client's <c>Last-Event-ID</c> means the same thing wherever it lands.
/// </param>
/// <param name="Ended">True once the resource will not change any more: the stream sends <c>done</c> and closes.</param>
/// <param name="Body">The resource exactly as its GET answers it.</param>
public sealed record ResourceSnapshot(string Version, bool Ended, object Body)
{
    /// <summary>The suffix of the <c>done</c> event's id, after the version it ended with.</summary>
    public const string DoneSuffix = "-done";

    /// <summary>The id of the event this snapshot is sent as: its version, or for the last one the version marked done.</summary>
    public string EventId => Ended ? Version + DoneSuffix : Version;
}
