namespace MediaFunctions.Core.OAuth;

/// <summary>
/// The client secrets of registered OAuth apps, for what must be signed with them: the JWT a connected service's
/// webhook receives is signed (HS256) with its app's secret, so the app can check it came from us.
/// </summary>
public interface IOAuthClientSecrets
{
    /// <summary>The secret of the app <paramref name="clientId"/>, or null when no such app is registered.</summary>
    Task<string?> GetClientSecretAsync(string clientId, CancellationToken cancellationToken = default);
}
