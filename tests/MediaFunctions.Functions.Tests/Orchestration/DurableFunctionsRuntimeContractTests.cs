using MediaFunctions.Testing.Runtimes;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Functions.Tests.Orchestration;

/// <summary>The orchestration runtime contract on the Functions app's adapters under the Durable Task SDK.</summary>
public sealed class DurableFunctionsRuntimeContractTests : OrchestrationRuntimeContract
{
    protected override async Task<IOrchestrationRuntime> StartAsync(Action<IServiceCollection> register) =>
        await DurableFunctionsRuntime.StartAsync(register);
}
