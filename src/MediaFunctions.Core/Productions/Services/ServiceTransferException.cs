namespace MediaFunctions.Core.Productions.Services;

/// <summary>An outgoing service did not take a production's results; the message names the service and never a secret.</summary>
/// <param name="serviceUuid">The service.</param>
/// <param name="message">What went wrong.</param>
/// <param name="statusCode">The HTTP status the service answered, when it answered one.</param>
/// <param name="retryable">True when trying again later may succeed (the service answered 5xx, 408 or 429).</param>
/// <param name="innerException">The cause.</param>
public sealed class ServiceTransferException(string serviceUuid, string message, int? statusCode, bool retryable, Exception? innerException = null)
    : Exception(message, innerException)
{
    public string ServiceUuid { get; } = serviceUuid;

    public int? StatusCode { get; } = statusCode;

    public bool Retryable { get; } = retryable;

    internal static ServiceTransferException Answered(string serviceUuid, string what, int status) =>
        new(serviceUuid, $"Service '{serviceUuid}' answered {status} to {what}.", status, status is >= 500 or 408 or 429);
}
