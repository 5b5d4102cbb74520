using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Api.Health;

/// <summary>Healthy when the table service answers a one-row listing within <see cref="Timeout"/>.</summary>
internal sealed class StorageHealthCheck(TableServiceClient tables, ILogger<StorageHealthCheck> logger) : IHealthCheck
{
    public const string Name = "storage";

    /// <summary>How long the storage gets to answer before it counts as unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var page in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages())
            {
                break;
            }

            return HealthCheckResult.Healthy("Storage answered.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Storage is unreachable: no answer within {Timeout.TotalSeconds:0} s.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The exception can name the account and endpoint; it goes to the log, not to anonymous callers.
            Logs.StorageUnhealthy(logger, exception);
            return HealthCheckResult.Unhealthy("Storage is unreachable: the request failed (see the service log).");
        }
    }
}
