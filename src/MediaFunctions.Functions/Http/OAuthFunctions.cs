using MediaFunctions.Api.Auth;
using MediaFunctions.Api.OAuth;
using MediaFunctions.Core.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MediaFunctions.Functions.Http;

/// <summary>
/// OAuth 2.0: app registration (<see cref="OAuthAppEndpoints"/>, behind the API key), the consent page
/// (<see cref="OAuthAuthorizeEndpoints"/>) and the token endpoint (<see cref="OAuthTokenEndpoints"/>), one function per route.
/// host.json's routePrefix is "", so <c>/oauth2/…</c> is served at the same path as on the self-host.
/// </summary>
public sealed class OAuthFunctions(ApiFunctionPipeline pipeline, OAuthAppStore apps, OAuthAuthorizationServer server, OAuthConsentFormTokens forms)
{
    [Function("OAuthListApps")]
    public Task<IResult> ListAppsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/oauth2/apps.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await OAuthAppEndpoints.ListAppsAsync(context, apps, cancellationToken));

    [Function("OAuthCreateApp")]
    public Task<IResult> CreateAppAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/oauth2/apps.json")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await OAuthAppEndpoints.CreateAppAsync(context, apps, cancellationToken),
            OAuthAppEndpoints.MaxBodyBytes);

    [Function("OAuthGetApp")]
    public Task<IResult> GetAppAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/oauth2/app/{client_id}.json")] HttpRequest request, string client_id) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await OAuthAppEndpoints.GetAppAsync(client_id, context, apps, cancellationToken));

    [Function("OAuthDeleteApp")]
    public Task<IResult> DeleteAppAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/oauth2/app/{client_id}.json")] HttpRequest request, string client_id) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await OAuthAppEndpoints.DeleteAppAsync(client_id, context, apps, cancellationToken));

    [Function("OAuthShowConsent")]
    public Task<IResult> ShowConsentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "oauth2/authorize")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, policy: null,
            (context, cancellationToken) => OAuthAuthorizeEndpoints.ShowConsentAsync(context, apps, forms, cancellationToken));

    [Function("OAuthAnswerConsent")]
    public Task<IResult> AnswerConsentAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "oauth2/authorize")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, policy: null,
            (context, cancellationToken) => OAuthAuthorizeEndpoints.AnswerConsentAsync(context, apps, forms, server, cancellationToken),
            OAuthAuthorizeEndpoints.MaxBodyBytes);

    [Function("OAuthToken")]
    public Task<IResult> TokenAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "oauth2/token")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, policy: null,
            (context, cancellationToken) => OAuthTokenEndpoints.ExchangeAsync(context, apps, server, cancellationToken),
            OAuthTokenEndpoints.MaxBodyBytes);
}
