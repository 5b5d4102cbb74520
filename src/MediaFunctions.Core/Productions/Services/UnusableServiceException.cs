namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// A production names a service it cannot use: none of its key's services has that uuid, or the service cannot do what
/// is asked (read an input from an outgoing-only service, send results to an incoming-only one). The API answers it with
/// a 400 naming <see cref="Field"/> in <c>form_errors</c>.
/// </summary>
public sealed class UnusableServiceException(string serviceUuid, string message) : Exception(message)
{
    /// <summary>The production field that names a service.</summary>
    public const string Field = "service";

    /// <summary>The uuid the production gave.</summary>
    public string ServiceUuid { get; } = serviceUuid;

    internal static UnusableServiceException Unknown(string uuid) =>
        new(uuid, $"No service with uuid '{uuid}' exists for this API key.");

    internal static UnusableServiceException NotIncoming(string uuid) =>
        new(uuid, $"Service '{uuid}' is not an incoming service: input files cannot be read from it.");

    internal static UnusableServiceException NotOutgoing(string uuid) =>
        new(uuid, $"Service '{uuid}' is not an outgoing service: results cannot be sent to it.");
}
