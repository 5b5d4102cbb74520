using Microsoft.DurableTask.Client;

namespace MediaFunctions.Functions.Orchestration;

/// <summary>
/// The Durable Functions client of this app's task hub. The isolated worker hands the client out
/// only as a function binding (<c>[DurableClient]</c>), while the core's services are singletons
/// built once; so every function that may start or query instances binds the client and stores
/// it here first. The extension caches one client per task hub, so it is the same object each time.
/// </summary>
public sealed class DurableTaskClientAccessor
{
    private DurableTaskClient? _client;

    /// <summary>The bound client; throws when no function has bound one yet.</summary>
    public DurableTaskClient Client
    {
        get => Volatile.Read(ref _client)
            ?? throw new InvalidOperationException("No Durable Functions client has been bound yet: a function that uses IOrchestrationClient must declare a [DurableClient] parameter.");
        set => Volatile.Write(ref _client, value);
    }
}
