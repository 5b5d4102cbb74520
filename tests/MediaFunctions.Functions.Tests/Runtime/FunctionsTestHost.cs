using MediaFunctions.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Functions.Tests.Runtime;

/// <summary>
/// The Durable Task SDK's in-process test host (its real worker and replay over an in-memory backend) set up
/// as Durable Functions runs the app: the worker's serializer is the data converter of worker and client.
/// </summary>
internal static class FunctionsTestHost
{
    public static Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry, CancellationToken cancellationToken = default)
    {
        var converter = new WorkerSerializerConverter(FunctionsAppServiceCollectionExtensions.WorkerSerializer);
        return DurableTaskTestHost.StartAsync(registry, new DurableTaskTestHostOptions
        {
            Port = FreePort.Next(),
            ConfigureServices = services =>
            {
                services.Configure<DurableTaskWorkerOptions>(options => options.DataConverter = converter);
                services.Configure<DurableTaskClientOptions>(options => options.DataConverter = converter);
            },
        }, cancellationToken);
    }
}
