using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core;

/// <summary>Core's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Stored {Count} API keys from configuration ({AdminCount} admin).")]
    public static partial void KeysBootstrapped(ILogger logger, int count, int adminCount);

    [LoggerMessage(2101, LogLevel.Warning, "The job containers could not be created at start; jobs fail until storage is reachable.")]
    public static partial void ContainersNotCreated(ILogger logger, Exception exception);
}
