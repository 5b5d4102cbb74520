using MediaFunctions.Durable.Storage;
using MediaFunctions.Testing.Runtimes;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Durable.Tests.Runtime;

/// <summary>The orchestration runtime contract on the embedded engine.</summary>
public sealed class EngineRuntimeContractTests : OrchestrationRuntimeContract
{
    protected override async Task<IOrchestrationRuntime> StartAsync(Action<IServiceCollection> register) =>
        await EngineHost.StartAsync(new InMemoryOrchestrationStore(TimeProvider.System), register);
}
