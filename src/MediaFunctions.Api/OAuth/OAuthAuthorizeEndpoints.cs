using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// The authorization endpoint of the code flow (RFC 6749 §4.1.1–4.1.2), at Auphonic's path. GET shows the consent page
/// naming the app; the user pastes the API key to grant (there are no accounts to sign in to) and answers. POST takes the
/// answer: Allow sends the user to the redirect URI with a single-use <c>code</c> (valid <see cref="OAuthAuthorizationServer.CodeLifetime"/>)
/// and the <c>state</c>; Deny with <c>error=access_denied</c>. Until the client and its redirect URI are known to match a
/// registration, errors are a page and never a redirect (RFC 6749 §4.1.2.1), so the endpoint cannot be used to send anyone
/// to a URI its app did not register.
/// </summary>
public static class OAuthAuthorizeEndpoints
{
    /// <summary>The largest consent form accepted.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    /// <summary>Maps the consent page and its form; no API key is asked of the browser, the form carries it.</summary>
    public static IEndpointRouteBuilder MapOAuthAuthorizeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("OAuth").AllowAnonymous().ExcludeFromDescription().WithMetadata(new RequestBodyLimit(MaxBodyBytes));
        group.MapGet(OAuthRoutes.AuthorizeRoute, ShowConsentAsync);
        group.MapPost(OAuthRoutes.AuthorizeRoute, AnswerConsentAsync);
        return routes;
    }

    /// <summary>
    /// GET <c>/oauth2/authorize/?client_id=…&amp;redirect_uri=…&amp;response_type=code[&amp;state=…]</c>: the consent page; a 400
    /// error page for an unknown client or a redirect URI it did not register; a redirect with <c>unsupported_response_type</c>
    /// or <c>invalid_request</c> for any other response type.
    /// </summary>
    public static async Task<IResult> ShowConsentAsync(HttpContext context, OAuthAppStore apps, OAuthConsentFormTokens forms, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var request = await ResolveAsync(context, query, apps, cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        var (app, redirectUri, redirectUriSent, state) = request.Value;
        if (!TryReadSingle(query, "response_type", out var responseType) || responseType is null)
        {
            return RedirectWithError(context, redirectUri, OAuthErrorCodes.InvalidRequest, "response_type=code is required.", state, StatusCodes.Status302Found);
        }

        if (responseType != "code")
        {
            return RedirectWithError(context, redirectUri, OAuthErrorCodes.UnsupportedResponseType, "Only response_type=code is supported.", state, StatusCodes.Status302Found);
        }

        var token = await forms.IssueAsync(app.ClientId, redirectUri, state, cancellationToken);
        return ConsentPage.Consent(context, app.Name, app.ClientId, redirectUri, redirectUriSent, state, token, error: null, StatusCodes.Status200OK);
    }

    /// <summary>
    /// POST <c>/oauth2/authorize/</c> (the consent form): 303 to the redirect URI with <c>code</c> and <c>state</c> on Allow with a
    /// valid key, with <c>error=access_denied</c> on Deny; the page again (400) when the key is missing or wrong; a 400 error page
    /// when the form was not issued here for this request, or has expired.
    /// </summary>
    public static async Task<IResult> AnswerConsentAsync(HttpContext context, OAuthAppStore apps, OAuthConsentFormTokens forms, OAuthAuthorizationServer server,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return ConsentPage.Error(context, "The answer must be sent by the consent page's form.", StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var request = await ResolveAsync(context, form, apps, cancellationToken);
        if (request.Error is { } error)
        {
            return error;
        }

        var (app, redirectUri, redirectUriSent, state) = request.Value;
        if (!await forms.IsValidAsync(form[ConsentPage.FormTokenField].ToString(), app.ClientId, redirectUri, state, cancellationToken))
        {
            return ConsentPage.Error(context, "This form has expired or was not issued by this service for this request. Start again from the app.");
        }

        switch (form[ConsentPage.DecisionField].ToString())
        {
            case ConsentPage.Deny:
                return RedirectWithError(context, redirectUri, OAuthErrorCodes.AccessDenied, "The user denied access.", state, StatusCodes.Status303SeeOther);
            case ConsentPage.Allow:
                var apiKey = form[ConsentPage.ApiKeyField].ToString().Trim();
                var code = apiKey.Length == 0 ? null : await server.IssueCodeAsync(app, apiKey, redirectUri, redirectUriSent, cancellationToken);
                if (code is null)
                {
                    var message = apiKey.Length == 0 ? "Enter your API key to allow access." : "That is not a valid API key. Check it and try again.";
                    var token = await forms.IssueAsync(app.ClientId, redirectUri, state, cancellationToken);
                    return ConsentPage.Consent(context, app.Name, app.ClientId, redirectUri, redirectUriSent, state, token, message, StatusCodes.Status400BadRequest);
                }

                return Redirect(context, redirectUri, new() { ["code"] = code, ["state"] = state }, StatusCodes.Status303SeeOther);
            default:
                return ConsentPage.Error(context, "The answer must be Allow or Deny.");
        }
    }

    private readonly record struct Resolved(OAuthApp App, string RedirectUri, bool RedirectUriSent, string? State);

    private readonly record struct Resolution(Resolved Value, IResult? Error);

    // The client and redirect URI first: until both are known good, nothing may be redirected.
    private static async Task<Resolution> ResolveAsync(HttpContext context, IEnumerable<KeyValuePair<string, StringValues>> parameters, OAuthAppStore apps,
        CancellationToken cancellationToken)
    {
        if (!TryReadSingle(parameters, "client_id", out var clientId) || clientId is null)
        {
            return Fail(context, "The request has no client_id, or names it more than once.");
        }

        if (await apps.FindAsync(clientId, cancellationToken) is not { } app)
        {
            return Fail(context, $"No app is registered with client_id '{clientId}'.");
        }

        if (!TryReadSingle(parameters, "redirect_uri", out var redirectUri))
        {
            return Fail(context, "redirect_uri is given more than once.");
        }

        var sent = redirectUri is not null;
        redirectUri ??= app.RedirectUris.Count == 1 ? app.RedirectUris[0] : null;
        if (redirectUri is null)
        {
            return Fail(context, $"{app.Name} registered several redirect URIs; the request must name one as redirect_uri.");
        }

        if (!app.HasRedirectUri(redirectUri))
        {
            return Fail(context, $"redirect_uri '{redirectUri}' is not one {app.Name} registered.");
        }

        return TryReadSingle(parameters, "state", out var state)
            ? new(new(app, redirectUri, sent, state), null)
            : Fail(context, "state is given more than once.");
    }

    private static Resolution Fail(HttpContext context, string message) => new(default, ConsentPage.Error(context, message));

    // RFC 6749 §3.1: a parameter sent more than once makes the request invalid.
    private static bool TryReadSingle(IEnumerable<KeyValuePair<string, StringValues>> parameters, string name, out string? value)
    {
        var values = parameters.FirstOrDefault(pair => pair.Key == name).Value;
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1;
    }

    private static IResult RedirectWithError(HttpContext context, string redirectUri, string error, string description, string? state, int statusCode) =>
        Redirect(context, redirectUri, new() { ["error"] = error, ["error_description"] = description, ["state"] = state }, statusCode);

    private static IResult Redirect(HttpContext context, string redirectUri, Dictionary<string, string?> parameters, int statusCode)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.Location = QueryHelpers.AddQueryString(redirectUri, parameters.Where(pair => pair.Value is not null));
        return Results.StatusCode(statusCode);
    }
}
