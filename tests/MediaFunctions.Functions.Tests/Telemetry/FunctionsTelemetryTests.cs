using System.Diagnostics;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Functions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MediaFunctions.Functions.Tests.Telemetry;

/// <summary>The Functions app's telemetry as Program registers it: off without an exporter, Application Insights with the Bicep's setting.</summary>
public sealed class FunctionsTelemetryTests
{
    [Fact]
    public void AddFunctionsTelemetry_NoConnectionStringNorOtlpEndpoint_RegistersNoProvider()
    {
        var services = new ServiceCollection();

        services.AddFunctionsTelemetry(Configuration([]));

        Assert.Empty(services);
        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void AddFunctionsTelemetry_ApplicationInsightsConnectionString_RecordsTheAppsAndDurableTasksSpans()
    {
        var services = new ServiceCollection();
        services.AddFunctionsTelemetry(Configuration(new()
        {
            [FunctionsTelemetryServiceCollectionExtensions.ConnectionStringSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        }));
        using var durableTask = new ActivitySource(FunctionsTelemetryServiceCollectionExtensions.DurableTaskSource);
        Assert.False(durableTask.HasListeners());

        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());

        Assert.True(durableTask.HasListeners(), "Durable Task's spans are recorded");
        Assert.True(MediaFunctionsTelemetry.Source.HasListeners(), "the app's spans are recorded");
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
