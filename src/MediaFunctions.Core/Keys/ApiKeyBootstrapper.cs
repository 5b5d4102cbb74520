using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Keys;

/// <summary>
/// Creates or updates the keys of <c>Auth:BootstrapKeys</c> and <c>Auth:AdminKeys</c> when the host
/// starts; the host does not start when they cannot be stored.
/// </summary>
internal sealed class ApiKeyBootstrapper(ApiKeyStore store, IOptions<AuthOptions> options, ILogger<ApiKeyBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var keys = options.Value.ParseKeys().Keys;
        foreach (var key in keys)
        {
            try
            {
                await store.CreateOrUpdateAsync(key.Id, key.Secret, key.IsAdmin, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                throw new InvalidOperationException(
                    $"Could not store API key '{key.Id}' from Auth configuration in table '{ApiKeyStore.TableName}': {exception.Message}", exception);
            }
        }

        if (keys.Count > 0)
        {
            Logs.KeysBootstrapped(logger, keys.Count, keys.Count(k => k.IsAdmin));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
