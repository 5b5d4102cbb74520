using System.Buffers.Text;
using System.Security.Cryptography;
using MediaFunctions.Core.Keys;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.OAuth;

/// <summary>
/// The authorization code grant (RFC 6749 §4.1) over <see cref="OAuthGrantStore"/>: codes issued on the consent page, exchanged
/// once for an access token and a refresh token, refresh tokens rotated on use, and access tokens checked on every request.
/// A grant works only while its app is registered and its key keeps the secret it was granted with, checked on every use,
/// so deleting the app or the key (or giving the key a new secret) revokes its tokens on every host.
/// </summary>
public sealed class OAuthAuthorizationServer
{
    /// <summary>How long a code can be exchanged: 10 minutes, the most RFC 6749 §4.1.2 recommends.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long an access token works. NOTE: short, because a bearer token in a browser page can leak; the refresh token renews it.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a refresh token can be used, counted from its issue; each use issues a new one, so an app in use stays connected.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(30);

    private readonly OAuthGrantStore _grants;
    private readonly OAuthAppStore _apps;
    private readonly ApiKeyStore _keys;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    internal OAuthAuthorizationServer(OAuthGrantStore grants, OAuthAppStore apps, ApiKeyStore keys, TimeProvider timeProvider, ILogger<OAuthAuthorizationServer> logger)
    {
        _grants = grants;
        _apps = apps;
        _keys = keys;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// A new single-use code that grants <paramref name="app"/> the access of the key <paramref name="apiKey"/>, for
    /// <paramref name="redirectUri"/>; null when <paramref name="apiKey"/> is not a key.
    /// </summary>
    public async Task<string?> IssueCodeAsync(OAuthApp app, string apiKey, string redirectUri, bool redirectUriSent, CancellationToken cancellationToken = default)
    {
        if (await _keys.FindBySecretAsync(apiKey, cancellationToken) is not { } key)
        {
            return null;
        }

        var code = NewToken();
        var grant = new OAuthGrant(app.ClientId, key.Id, Convert.ToHexStringLower(ApiKeyStore.Hash(apiKey)),
            _timeProvider.GetUtcNow() + CodeLifetime, redirectUri, redirectUriSent);
        await _grants.AddAsync(OAuthGrantKind.Code, code, grant, cancellationToken);
        Logs.OAuthCodeIssued(_logger, key.Id, app.ClientId);
        return code;
    }

    /// <summary>Exchanges a code for tokens (RFC 6749 §4.1.3); the code is used up whether or not the exchange succeeds.</summary>
    /// <exception cref="OAuthGrantException">The code is unknown, used, expired, another app's or another redirect URI's, or its key is gone.</exception>
    public async Task<OAuthTokens> RedeemCodeAsync(OAuthApp app, string code, string? redirectUri, CancellationToken cancellationToken = default)
    {
        var grant = await _grants.TakeAsync(OAuthGrantKind.Code, code, cancellationToken)
            ?? throw Refused(app.ClientId, "The code is not valid or has already been used.");
        if (grant.ClientId != app.ClientId)
        {
            throw Refused(app.ClientId, "The code was issued to another client.");
        }

        if (redirectUri is null ? grant.RedirectUriSent : redirectUri != grant.RedirectUri)
        {
            throw Refused(app.ClientId, "redirect_uri must be the one the authorization request named.");
        }

        return await IssueTokensAsync(await CheckAsync(grant, "code", cancellationToken), cancellationToken);
    }

    /// <summary>Exchanges a refresh token for a new pair (RFC 6749 §6); the old refresh token is used up.</summary>
    /// <exception cref="OAuthGrantException">The token is unknown, used, expired or another app's, or its key is gone.</exception>
    public async Task<OAuthTokens> RefreshAsync(OAuthApp app, string refreshToken, CancellationToken cancellationToken = default)
    {
        var grant = await _grants.TakeAsync(OAuthGrantKind.RefreshToken, refreshToken, cancellationToken)
            ?? throw Refused(app.ClientId, "The refresh token is not valid or has already been used.");
        if (grant.ClientId != app.ClientId)
        {
            throw Refused(app.ClientId, "The refresh token was issued to another client.");
        }

        return await IssueTokensAsync(await CheckAsync(grant, "refresh token", cancellationToken), cancellationToken);
    }

    /// <summary>Who <paramref name="accessToken"/> lets in, or null when it is not a token that works now.</summary>
    public async Task<OAuthAccess?> AuthenticateAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        if (await _grants.FindAsync(OAuthGrantKind.AccessToken, accessToken, cancellationToken) is not { } grant)
        {
            return null;
        }

        if (grant.ExpiresAt <= _timeProvider.GetUtcNow())
        {
            // Expired rows are dropped when they are next presented.
            await _grants.DeleteAsync(OAuthGrantKind.AccessToken, accessToken, cancellationToken);
            return null;
        }

        return await _apps.FindAsync(grant.ClientId, cancellationToken) is not null && await FindKeyAsync(grant, cancellationToken) is { } key
            ? new OAuthAccess(key, grant.ClientId)
            : null;
    }

    private async Task<OAuthGrant> CheckAsync(OAuthGrant grant, string what, CancellationToken cancellationToken)
    {
        if (grant.ExpiresAt <= _timeProvider.GetUtcNow())
        {
            throw Refused(grant.ClientId, $"The {what} has expired.");
        }

        return await FindKeyAsync(grant, cancellationToken) is null
            ? throw Refused(grant.ClientId, $"The API key that granted the {what} no longer exists or has a new secret.")
            : grant;
    }

    private OAuthGrantException Refused(string clientId, string reason)
    {
        Logs.OAuthGrantRefused(_logger, clientId, reason);
        return new OAuthGrantException(reason);
    }

    private async Task<ApiKey?> FindKeyAsync(OAuthGrant grant, CancellationToken cancellationToken)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(grant.KeyHash, hash, out _, out var written) != System.Buffers.OperationStatus.Done || written != hash.Length)
        {
            return null;
        }

        return await _keys.FindByHashAsync(hash, cancellationToken) is { } key && key.Id == grant.KeyId ? key : null;
    }

    private async Task<OAuthTokens> IssueTokensAsync(OAuthGrant grant, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var tokens = new OAuthTokens(NewToken(), AccessTokenLifetime, NewToken());
        await _grants.AddAsync(OAuthGrantKind.AccessToken, tokens.AccessToken,
            grant with { ExpiresAt = now + AccessTokenLifetime, RedirectUri = null, RedirectUriSent = false }, cancellationToken);
        await _grants.AddAsync(OAuthGrantKind.RefreshToken, tokens.RefreshToken,
            grant with { ExpiresAt = now + RefreshTokenLifetime, RedirectUri = null, RedirectUriSent = false }, cancellationToken);
        return tokens;
    }

    // 256 random bits, URL-safe: a code travels in a query string, a token in a header or the bearer_token parameter.
    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
