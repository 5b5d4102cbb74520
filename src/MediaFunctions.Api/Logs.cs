using Microsoft.Extensions.Logging;

namespace MediaFunctions.Api;

/// <summary>The API's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(3001, LogLevel.Error, "Unhandled exception on {Method} {Path} (trace id {TraceId}).")]
    public static partial void UnhandledException(ILogger logger, string method, string path, string traceId, Exception exception);

    [LoggerMessage(3002, LogLevel.Information, "{Method} {Path} answered {StatusCode}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string method, string path, int statusCode, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "Storage health check failed.")]
    public static partial void StorageUnhealthy(ILogger logger, Exception exception);
}
