using MediaFunctions.Orchestration;

namespace MediaFunctions.Testing.Runtimes;

/// <summary>A running orchestration runtime with the workflows a test registered, and its client.</summary>
public interface IOrchestrationRuntime : IAsyncDisposable
{
    IOrchestrationClient Client { get; }
}
