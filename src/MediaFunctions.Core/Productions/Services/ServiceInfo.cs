namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// What may be shown of an external service and what it can do: never a credential, and for a connected service
/// neither its webhook URL nor its custom data, which belong to the app that connected it.
/// </summary>
/// <param name="Uuid">Its <see cref="AuphonicUuid"/>.</param>
/// <param name="Type">Its <c>type</c>: <c>http</c>, <c>s3</c>, <c>azure</c> or <c>connected</c>.</param>
/// <param name="DisplayName">The name its owner gave it.</param>
/// <param name="Incoming">True when a production may read its input files from it.</param>
/// <param name="Outgoing">True when a production may send its results to it.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Settings">Its non-secret settings by their field names (<c>base_url</c>, <c>bucket</c>, <c>prefix</c>, …).</param>
public sealed record ServiceInfo(string Uuid, string Type, string DisplayName, bool Incoming, bool Outgoing, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Settings);
