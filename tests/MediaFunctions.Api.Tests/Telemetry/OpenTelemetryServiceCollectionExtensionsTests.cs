using MediaFunctions.Api.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MediaFunctions.Api.Tests.Telemetry;

public sealed class OpenTelemetryServiceCollectionExtensionsTests
{
    private const string EngineSource = "MediaFunctions.Durable";

    [Fact]
    public void AddMediaFunctionsTelemetry_NoExporterConfigured_RegistersNoProvider()
    {
        var services = new ServiceCollection();

        var telemetry = services.AddMediaFunctionsTelemetry(Configuration([]), EngineSource);

        Assert.Null(telemetry);
        Assert.Empty(services);
        using var provider = services.BuildServiceProvider();
        Assert.Null(provider.GetService<TracerProvider>());
        Assert.Null(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void AddMediaFunctionsTelemetry_OtlpEndpointSet_RegistersBothProviders()
    {
        var services = new ServiceCollection();

        var telemetry = services.AddMediaFunctionsTelemetry(Configuration(new() { [OpenTelemetryServiceCollectionExtensions.OtlpEndpointSetting] = "http://127.0.0.1:4317" }), EngineSource);

        Assert.NotNull(telemetry);
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void AddMediaFunctionsTelemetry_HostAddsItsOwnExporter_RegistersBothProviders()
    {
        var services = new ServiceCollection();

        var telemetry = services.AddMediaFunctionsTelemetry(Configuration([]), EngineSource, hostExports: true);

        Assert.NotNull(telemetry);
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
