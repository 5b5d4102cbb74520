using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MediaFunctions.Api.Telemetry;

/// <summary>
/// Turns on OpenTelemetry for a host when it has somewhere to send it: OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set
/// (the standard variable, read by the OTLP exporter with the rest of its <c>OTEL_*</c> settings), or an exporter the host
/// adds (Azure Monitor, in the Functions app). Without one nothing is registered: the spans and measurements the app makes
/// find no listener and cost nothing.
/// </summary>
public static class OpenTelemetryServiceCollectionExtensions
{
    /// <summary>The setting that turns OTLP export on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The service name spans and metrics carry unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "mediafunctions";

    private const string UrlQueryTag = "url.query";

    /// <summary>
    /// Registers tracing (the HTTP requests, the engine's <paramref name="engineSource"/>, the app's own spans) and metrics
    /// (the app's meter, the HTTP server's), exported over OTLP when <see cref="OtlpEndpointSetting"/> is set.
    /// </summary>
    /// <param name="engineSource">The orchestration engine's span source: the embedded engine's, or Durable Task's.</param>
    /// <param name="hostExports">True when the host adds an exporter of its own to the returned builder.</param>
    /// <returns>The builder to add exporters to, or null when telemetry stays off.</returns>
    public static IOpenTelemetryBuilder? AddMediaFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration, string engineSource,
        bool hostExports = false)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        if (!otlp && !hostExports)
        {
            return null;
        }

        IOpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing.AddMediaFunctionsSources(engineSource))
            .WithMetrics(metrics => metrics.AddMediaFunctionsMeters());
        return otlp ? telemetry.UseOtlpExporter() : telemetry;
    }

    /// <summary>
    /// The spans to record: the app's, the engine's, and ASP.NET Core's requests with the query left out (it can hold the
    /// API key as <c>bearer_token</c>, and a SAS); for hosts and for tests that export elsewhere.
    /// </summary>
    public static TracerProviderBuilder AddMediaFunctionsSources(this TracerProviderBuilder tracing, string engineSource) =>
        tracing.AddSource(MediaFunctionsTelemetry.Name, engineSource)
            .AddAspNetCoreInstrumentation(options =>
            {
                options.EnrichWithHttpRequest = (activity, _) => activity.SetTag(UrlQueryTag, null);
                options.EnrichWithHttpResponse = (activity, _) => activity.SetTag(UrlQueryTag, null);
            });

    /// <summary>The meters to record: the app's and the HTTP server's.</summary>
    public static MeterProviderBuilder AddMediaFunctionsMeters(this MeterProviderBuilder metrics) =>
        metrics.AddMeter(MediaFunctionsTelemetry.Name).AddAspNetCoreInstrumentation();
}
