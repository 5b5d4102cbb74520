using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core;

/// <summary>Core's log messages, with fixed event ids.</summary>
internal static partial class Logs
{
    [LoggerMessage(2001, LogLevel.Information, "Stored {Count} API keys from configuration ({AdminCount} admin).")]
    public static partial void KeysBootstrapped(ILogger logger, int count, int adminCount);
}
