using System.Security.Claims;
using System.Text.Encodings.Web;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Api.Auth;

/// <summary>
/// Authenticates a request by the API key it presents (see <see cref="ApiKeyCredential"/>), checked
/// against <see cref="ApiKeyStore"/>, or by an OAuth access token presented the same ways, checked by
/// <see cref="OAuthAuthorizationServer"/>: such a request signs in as the key that granted the token and also carries
/// <see cref="OAuthClaims.ClientId"/>. A challenge answers 401 with the error envelope of the route's dialect, saying whether
/// the key was missing or wrong, and a <c>WWW-Authenticate</c> header for each scheme.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store,
    OAuthAuthorizationServer oauth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!ApiKeyCredential.TryRead(Request, out var credential, out var error))
        {
            return error is null ? AuthenticateResult.NoResult() : AuthenticateResult.Fail(error);
        }

        if (await store.FindBySecretAsync(credential!.Secret, Context.RequestAborted) is { } key)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(ToPrincipal(key, Scheme.Name), Scheme.Name));
        }

        if (await oauth.AuthenticateAsync(credential.Secret, Context.RequestAborted) is { } access)
        {
            var principal = ToPrincipal(access.Key, Scheme.Name);
            ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(OAuthClaims.ClientId, access.ClientId));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
        }

        return AuthenticateResult.Fail($"The API key or OAuth access token in the {credential.Source} is not valid (an access token expires after {OAuthAuthorizationServer.AccessTokenLifetime.TotalMinutes:0} minutes).");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? $"An API key is required: send it as {ApiKeyCredential.AcceptedForms}.";
        Response.Headers.WWWAuthenticate = new([
            $"Bearer realm=\"{ApiKeyAuthenticationDefaults.Realm}\"",
            $"Basic realm=\"{ApiKeyAuthenticationDefaults.Realm}\", charset=\"UTF-8\"",
        ]);
        await ErrorEnvelopeWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, new ApiError(ApiErrorCodes.Unauthorized, message));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        return ErrorEnvelopeWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, new ApiError(ApiErrorCodes.Forbidden, "This route needs an admin key."));
    }

    /// <summary>The principal a key signs in as.</summary>
    public static ClaimsPrincipal ToPrincipal(ApiKey key, string authenticationType = ApiKeyAuthenticationDefaults.Scheme)
    {
        List<Claim> claims = [new(ApiKeyAuthenticationDefaults.KeyIdClaim, key.Id), new(ClaimTypes.Name, key.Id)];
        if (key.IsAdmin)
        {
            claims.Add(new Claim(ApiKeyAuthenticationDefaults.AdminClaim, "true"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, null));
    }
}
