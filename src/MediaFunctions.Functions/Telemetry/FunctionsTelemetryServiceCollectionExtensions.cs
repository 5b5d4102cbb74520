using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using MediaFunctions.Api.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Functions.Telemetry;

/// <summary>
/// The Functions app's telemetry: the same spans and meter as the self-host, with Durable Task's own spans (its
/// <c>Microsoft.DurableTask</c> source, which carries the trace from the request through the orchestration to each
/// activity, host.json's <c>durableTask.tracing</c>) in place of the embedded engine's, and the worker's invocation
/// spans. Exported to the Application Insights the Bicep creates when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set,
/// over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is; nothing is registered when neither is.
/// </summary>
public static class FunctionsTelemetryServiceCollectionExtensions
{
    /// <summary>Durable Task's span source: orchestrations, activities, timers, sub-orchestrations.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The Application Insights connection string, an app setting the Bicep writes.</summary>
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>How to authenticate to Application Insights: <c>Authorization=AAD</c> sends with the app's identity (local auth is off).</summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>Adds OpenTelemetry when an exporter is configured; see the type's summary.</summary>
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        var azureMonitor = !string.IsNullOrWhiteSpace(connectionString);
        var telemetry = services.AddMediaFunctionsTelemetry(configuration, DurableTaskSource, hostExports: azureMonitor);
        if (telemetry is null)
        {
            return services;
        }

        telemetry.UseFunctionsWorkerDefaults();
        if (azureMonitor)
        {
            var entraId = configuration[AuthenticationStringSetting]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true;
            telemetry.UseAzureMonitorExporter(options =>
            {
                options.ConnectionString = connectionString;
                if (entraId)
                {
                    // The identity named by AZURE_CLIENT_ID, which holds Monitoring Metrics Publisher on the component.
                    options.Credential = new DefaultAzureCredential();
                }
            });
        }

        return services;
    }
}
