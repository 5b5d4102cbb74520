using System.Text;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// The token endpoint (RFC 6749 §3.2), at Auphonic's path, taking the fields of seed 004 as a multipart or URL-encoded form.
/// The client authenticates with <c>client_id</c> and <c>client_secret</c> in the form or with HTTP Basic (§2.3.1).
/// Grants: <c>authorization_code</c> (§4.1.3) and <c>refresh_token</c> (§6, the refresh token is replaced on each use).
/// Answers §5.1 on success and §5.2 errors otherwise, never cached.
/// </summary>
public static class OAuthTokenEndpoints
{
    /// <summary>The largest token request accepted.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>Maps the token endpoint; the client's own credentials are checked by the handler.</summary>
    public static IEndpointRouteBuilder MapOAuthTokenEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(OAuthRoutes.TokenRoute, ExchangeAsync).WithTags("OAuth").AllowAnonymous().ExcludeFromDescription()
            .WithMetadata(new RequestBodyLimit(MaxBodyBytes));
        return routes;
    }

    /// <summary>POST <c>/oauth2/token/</c>: 200 with the tokens; 400 <c>invalid_request</c>, <c>invalid_grant</c> or <c>unsupported_grant_type</c>; 401 <c>invalid_client</c>.</summary>
    public static async Task<IResult> ExchangeAsync(HttpContext context, OAuthAppStore apps, OAuthAuthorizationServer server, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
        {
            return Error(OAuthErrorCodes.InvalidRequest, "Send the fields as application/x-www-form-urlencoded or multipart/form-data.");
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form.Any(field => field.Value.Count > 1))
        {
            return Error(OAuthErrorCodes.InvalidRequest, $"'{form.First(field => field.Value.Count > 1).Key}' is given more than once.");
        }

        if (!TryReadClient(context.Request, form, out var clientId, out var clientSecret, out var usedBasic))
        {
            return Error(OAuthErrorCodes.InvalidRequest, "Authenticate the client one way only: client_id and client_secret in the form, or HTTP Basic.");
        }

        var app = await apps.FindAsync(clientId, cancellationToken);
        if (app is null || !OAuthAppStore.IsClientSecret(app, clientSecret))
        {
            // §5.2: 401, with a challenge for the scheme the client used (Basic is the one it can use when it sent none).
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"MediaFunctions OAuth\", charset=\"UTF-8\"";
            return Error(OAuthErrorCodes.InvalidClient, clientId is null ? "The client is not authenticated: send client_id and client_secret."
                : usedBasic || app is not null ? "The client id or secret is wrong." : $"No app is registered with client_id '{clientId}'.",
                StatusCodes.Status401Unauthorized);
        }

        try
        {
            OAuthTokens tokens;
            switch (Optional(form, "grant_type"))
            {
                case null:
                    return Error(OAuthErrorCodes.InvalidRequest, "grant_type is required: authorization_code or refresh_token.");
                case "authorization_code":
                    if (Optional(form, "code") is not { } code)
                    {
                        return Error(OAuthErrorCodes.InvalidRequest, "code is required.");
                    }

                    tokens = await server.RedeemCodeAsync(app, code, Optional(form, "redirect_uri"), cancellationToken);
                    break;
                case "refresh_token":
                    if (Optional(form, "refresh_token") is not { } refreshToken)
                    {
                        return Error(OAuthErrorCodes.InvalidRequest, "refresh_token is required.");
                    }

                    tokens = await server.RefreshAsync(app, refreshToken, cancellationToken);
                    break;
                case var other:
                    return Error(OAuthErrorCodes.UnsupportedGrantType, $"grant_type '{other}' is not supported; use authorization_code or refresh_token.");
            }

            return Results.Json(OAuthTokenResponse.From(tokens));
        }
        catch (OAuthGrantException grant)
        {
            return Error(grant.Error, grant.Message);
        }
    }

    private static string? Optional(IFormCollection form, string name) => form[name] is { Count: 1 } value && value[0] is { Length: > 0 } text ? text : null;

    // §2.3.1: Basic carries the form-urlencoded id and secret; using it and the form fields together is refused (§2.3).
    private static bool TryReadClient(HttpRequest request, IFormCollection form, out string? clientId, out string? clientSecret, out bool usedBasic)
    {
        clientId = Optional(form, "client_id");
        clientSecret = Optional(form, "client_secret");
        usedBasic = false;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        usedBasic = true;
        if (clientSecret is not null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            (clientId, clientSecret) = (null, null);
            return true;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var basicId = colon < 0 ? decoded : Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
        if (clientId is not null && clientId != basicId)
        {
            return false;
        }

        clientId = basicId;
        clientSecret = colon < 0 ? null : Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
        return true;
    }

    private static IResult Error(string error, string description, int statusCode = StatusCodes.Status400BadRequest) =>
        Results.Json(new OAuthErrorResponse(error, description), statusCode: statusCode);
}
