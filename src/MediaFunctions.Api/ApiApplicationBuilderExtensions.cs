using MediaFunctions.Api.Cors;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Api.Errors;
using MediaFunctions.Api.Idempotency;
using MediaFunctions.Api.OAuth;
using MediaFunctions.Api.RateLimits;
using Microsoft.AspNetCore.Builder;
using Scalar.AspNetCore;

namespace MediaFunctions.Api;

/// <summary>Adds the API's middleware and routes to the host's pipeline.</summary>
public static class ApiApplicationBuilderExtensions
{
    /// <summary>The route of the interactive API page.</summary>
    public const string DocsRoute = "/docs";

    /// <summary>
    /// CORS on /api and the token endpoint, error envelope for exceptions and bodiless errors, authentication and authorization, per-key
    /// rate limits on every keyed route, the OpenAPI document at <c>/openapi/v1.json</c>, the API page at <see cref="DocsRoute"/>, health,
    /// the instance API, the admin start route, the jobs and batches APIs, stable file links, the webhook secret, the ApyHub, the
    /// YouTube-to-MP3, the video-download and the Auphonic (presets, productions, their runs, the Simple API and external services) dialects, and OAuth 2.0 (app registration, consent page, token endpoint). Call before mapping other endpoints.
    /// </summary>
    public static WebApplication MapMediaFunctionsApi(this WebApplication app)
    {
        app.UseApiCors();
        // The handler logs what it maps itself; the middleware's own error log would repeat every 4xx.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ApiExceptionHandler.HandleAsync, SuppressDiagnosticsCallback = _ => true });
        app.UseStatusCodePages(StatusCodeEnvelopeWriter.WriteAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<KeyRateLimitMiddleware>();
        app.UseMiddleware<IdempotencyMiddleware>();
        app.MapOpenApi();
        app.MapScalarApiReference(DocsRoute, options => options.WithTitle("MediaFunctions API"));
        app.MapHealthEndpoints();
        app.MapInstanceEndpoints();
        app.MapOrchestratorEndpoints();
        app.MapJobEndpoints();
        app.MapBatchEndpoints();
        app.MapEventEndpoints();
        app.MapUploadEndpoints();
        app.MapFileEndpoints();
        app.MapWebhookEndpoints();
        app.MapApyHubEndpoints();
        app.MapYtMp3Endpoints();
        app.MapVideoDownloadEndpoints();
        app.MapAuphonicPresetEndpoints();
        app.MapAuphonicProductionEndpoints();
        app.MapAuphonicProductionRunEndpoints();
        app.MapAuphonicSimpleEndpoints();
        app.MapAuphonicServiceEndpoints();
        app.MapOAuthAppEndpoints();
        app.MapOAuthAuthorizeEndpoints();
        app.MapOAuthTokenEndpoints();
        return app;
    }
}
