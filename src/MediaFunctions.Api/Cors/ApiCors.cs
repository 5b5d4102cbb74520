using MediaFunctions.Api.Endpoints;
using MediaFunctions.Api.Idempotency;
using MediaFunctions.Api.OAuth;
using MediaFunctions.Api.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace MediaFunctions.Api.Cors;

/// <summary>
/// Cross-origin access for browser clients (seed 004's JavaScript uploads run on the client's own site): every <c>/api</c> route and
/// the token endpoint answer any origin. Safe because nothing here rides on cookies: a request is authorized only by the key or
/// token it carries itself, so credentials are never allowed (no <c>Access-Control-Allow-Credentials</c>), and another site can do
/// from a browser nothing it could not do with curl. The consent page is left out: it is navigated to, never fetched.
/// </summary>
public static class ApiCors
{
    public const string PolicyName = "MediaFunctionsApi";

    /// <summary>How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours).</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromHours(2);

    /// <summary>The methods the API uses.</summary>
    public static readonly IReadOnlyList<string> Methods = [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    /// <summary>Response headers a script may read beyond the CORS-safelisted ones.</summary>
    public static readonly IReadOnlyList<string> ExposedHeaders =
    [
        KeyRateLimitGate.LimitHeader, KeyRateLimitGate.RemainingHeader, KeyRateLimitGate.ResetHeader, HeaderNames.RetryAfter,
        HeaderNames.Location, HeaderNames.ContentDisposition, HeaderNames.WWWAuthenticate, HeaderNames.ETag, InstanceEndpoints.ContinuationTokenHeader,
        IdempotentRequests.ReplayedHeader,
    ];

    /// <summary>True for the paths cross-origin requests are answered on.</summary>
    public static bool Applies(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(OAuthRoutes.TokenRoute.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Registers <see cref="PolicyName"/>: any origin, <see cref="Methods"/>, any request header (the browser's requested ones are
    /// echoed, so <c>Authorization</c> is allowed, which a <c>*</c> would not cover), <see cref="ExposedHeaders"/>, <see cref="PreflightMaxAge"/>.
    /// </summary>
    public static IServiceCollection AddApiCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(PolicyName, policy => policy
            .AllowAnyOrigin()
            .WithMethods([.. Methods])
            .AllowAnyHeader()
            .WithExposedHeaders([.. ExposedHeaders])
            .SetPreflightMaxAge(PreflightMaxAge)));

    /// <summary>
    /// Answers preflights on the <see cref="Applies"/> paths (204, before authentication, which a preflight never carries) and adds the
    /// CORS headers to their responses, errors included: the middleware adds them when the response starts.
    /// </summary>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app) =>
        app.UseWhen(context => Applies(context.Request.Path), branch => branch.UseCors(PolicyName));
}
