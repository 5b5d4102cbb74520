using MediaFunctions.Cli.Api;
using MediaFunctions.Cli.Configuration;
using MediaFunctions.Cli.Display;

namespace MediaFunctions.Cli.Commands;

/// <summary>What one run of a command works with: the API client, its idempotency keys and its terminal.</summary>
public sealed class CommandSession : IDisposable
{
    private CommandSession(MediafnClient client, Terminal terminal)
    {
        Client = client;
        Terminal = terminal;
    }

    /// <summary>The API client, with the resolved key and base URL.</summary>
    public MediafnClient Client { get; }

    /// <summary>This run's <c>Idempotency-Key</c>s.</summary>
    public IdempotencyKeys Keys { get; } = new();

    /// <summary>Where output goes.</summary>
    public Terminal Terminal { get; }

    /// <summary>A session for <paramref name="settings"/>: flags over environment over the config file.</summary>
    public static CommandSession Open(ApiCommandSettings settings) =>
        new(new MediafnClient(ConnectionResolver.Resolve(settings.Url, settings.Key, Environment.GetEnvironmentVariable)), new Terminal(settings.Json));

    public void Dispose() => Client.Dispose();
}
