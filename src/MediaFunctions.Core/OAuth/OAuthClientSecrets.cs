namespace MediaFunctions.Core.OAuth;

/// <summary>The client secrets of <see cref="OAuthAppStore"/>'s apps, opened from their sealed form.</summary>
internal sealed class OAuthClientSecrets(OAuthAppStore apps) : IOAuthClientSecrets
{
    public async Task<string?> GetClientSecretAsync(string clientId, CancellationToken cancellationToken = default) =>
        (await apps.FindAsync(clientId, cancellationToken))?.ClientSecret;
}
