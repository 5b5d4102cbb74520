using System.Text.Json;
using MediaFunctions.Functions.Orchestration;
using MediaFunctions.Functions.Tests.Runtime;
using MediaFunctions.Functions.Workflows;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing.Runtimes;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Functions.Tests.Orchestration;

/// <summary>
/// Workflows a test registers, run by the Functions app's adapters (<see cref="WorkflowInvoker"/>,
/// <see cref="DurableFunctionsOrchestrationContext"/>, <see cref="DurableFunctionsOrchestrationClient"/>)
/// under the Durable Task SDK's worker, as the app's trigger functions run them in Azure.
/// </summary>
internal sealed class DurableFunctionsRuntime(DurableTaskTestHost host, ServiceProvider services, CancellationTokenSource stopping) : IOrchestrationRuntime
{
    public IOrchestrationClient Client => services.GetRequiredService<IOrchestrationClient>();

    public static async Task<DurableFunctionsRuntime> StartAsync(Action<IServiceCollection> register)
    {
        var collection = new ServiceCollection();
        register(collection);
        collection.AddSingleton<DurableTaskClientAccessor>();
        collection.AddSingleton<WorkflowInvoker>();
        collection.AddSingleton<IOrchestrationClient, DurableFunctionsOrchestrationClient>();
        var services = collection.BuildServiceProvider();
        var workflows = services.GetRequiredService<WorkflowInvoker>();
        var accessor = services.GetRequiredService<DurableTaskClientAccessor>();
        var stopping = new CancellationTokenSource();
        var host = await FunctionsTestHost.StartAsync(registry =>
        {
            foreach (var workflow in services.GetServices<WorkflowRegistration>())
            {
                var name = workflow.Name;
                if (workflow.Kind == WorkflowKind.Orchestrator)
                {
                    registry.AddOrchestratorFunc<object?, object?>(name, (context, _) => workflows.RunOrchestratorAsync(context));
                }
                else
                {
                    registry.AddActivityFunc<JsonElement, object?>(name, (context, input) =>
                        workflows.RunActivityAsync(input, accessor.Client, new ActivityFunctionContext(name, context.InstanceId, services, stopping.Token)));
                }
            }
        });
        accessor.Client = host.Client;
        return new DurableFunctionsRuntime(host, services, stopping);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await host.DisposeAsync();
        await services.DisposeAsync();
        stopping.Dispose();
    }
}
