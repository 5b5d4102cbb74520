using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core;

/// <summary>Core's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Stored {Count} API keys from configuration ({AdminCount} admin).")]
    public static partial void KeysBootstrapped(ILogger logger, int count, int adminCount);

    [LoggerMessage(2101, LogLevel.Warning, "The job containers could not be created at start; jobs fail until storage is reachable.")]
    public static partial void ContainersNotCreated(ILogger logger, Exception exception);

    [LoggerMessage(2102, LogLevel.Warning, "The Blob service's CORS rule for browser uploads could not be set at start; browsers cannot PUT upload blocks until it is.")]
    public static partial void BlobCorsNotSet(ILogger logger, Exception exception);

    [LoggerMessage(2301, LogLevel.Warning, "The source relay refused a fetch from {Host}: {Reason}")]
    public static partial void RelayRefused(ILogger logger, string host, string reason);

    [LoggerMessage(2302, LogLevel.Warning, "The source relay could not read from {Host}.")]
    public static partial void RelayOriginFailed(ILogger logger, string host, Exception exception);

    [LoggerMessage(2303, LogLevel.Error, "The source relay failed serving a request.")]
    public static partial void RelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(2311, LogLevel.Warning, "The egress proxy refused a connection to {Host}: {Reason}")]
    public static partial void EgressRefused(ILogger logger, string host, string reason);

    [LoggerMessage(2401, LogLevel.Warning, "Webhook {DeliveryId} to {Host}: attempt {Attempt} of {MaxAttempts} failed: {Error}")]
    public static partial void WebhookAttemptFailed(ILogger logger, string deliveryId, string host, int attempt, int maxAttempts, string? error);

    [LoggerMessage(2402, LogLevel.Error, "Webhook {DeliveryId} to {Host} was given up on after {Attempts} attempts.")]
    public static partial void WebhookGivenUp(ILogger logger, string deliveryId, string host, int attempts);

    [LoggerMessage(2501, LogLevel.Information, "Key {KeyId} registered OAuth app {ClientId}.")]
    public static partial void OAuthAppRegistered(ILogger logger, string keyId, string clientId);

    [LoggerMessage(2502, LogLevel.Information, "Key {KeyId} deleted OAuth app {ClientId}; its codes and tokens are revoked.")]
    public static partial void OAuthAppDeleted(ILogger logger, string keyId, string clientId);

    [LoggerMessage(2503, LogLevel.Information, "Key {KeyId} granted OAuth app {ClientId} a code.")]
    public static partial void OAuthCodeIssued(ILogger logger, string keyId, string clientId);

    [LoggerMessage(2504, LogLevel.Warning, "OAuth app {ClientId} was refused a token: {Reason}")]
    public static partial void OAuthGrantRefused(ILogger logger, string clientId, string reason);
}
