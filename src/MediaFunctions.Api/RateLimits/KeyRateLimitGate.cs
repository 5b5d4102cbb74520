using System.Globalization;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.RateLimits;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Api.RateLimits;

/// <summary>
/// Counts an authenticated request against its key's limits (<see cref="KeyRateLimiter"/>). Every
/// response to it carries <c>X-RateLimit-Limit</c>, <c>X-RateLimit-Remaining</c> and
/// <c>X-RateLimit-Reset</c> (UTC epoch seconds) of the window the decision names; a request over a
/// limit is answered 429 with <c>Retry-After</c> and the error envelope of the route's dialect. The self-host runs it as
/// middleware (<see cref="KeyRateLimitMiddleware"/>); the Azure Functions host calls it itself.
/// </summary>
public static class KeyRateLimitGate
{
    public const string LimitHeader = "X-RateLimit-Limit";
    public const string RemainingHeader = "X-RateLimit-Remaining";
    public const string ResetHeader = "X-RateLimit-Reset";

    /// <summary>How long to wait after a 503 when the key's count could not be updated.</summary>
    public static readonly TimeSpan ContentionRetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>
    /// True when the request may go on; false when its response (429, or 503 when the count could
    /// not be updated) has been written. Call only after the key has been authenticated.
    /// </summary>
    public static async Task<bool> TryPassAsync(HttpContext context)
    {
        var limiter = context.RequestServices.GetRequiredService<KeyRateLimiter>();
        var response = context.Response;
        RateLimitDecision decision;
        try
        {
            decision = await limiter.AcquireAsync(context.GetApiKey().Id, context.RequestAborted);
        }
        catch (RateLimitContentionException exception)
        {
            response.Headers.RetryAfter = Seconds(ContentionRetryAfter);
            await ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new ApiError(ApiErrorCodes.ServiceUnavailable,
                $"Too many requests of this key at once to count them; try again in {Seconds(ContentionRetryAfter)} s. ({exception.Message})"));
            return false;
        }

        // Set as the response starts, because the exception handler clears the headers of the response it replaces.
        response.OnStarting(() =>
        {
            response.Headers[LimitHeader] = decision.Limit.ToString(CultureInfo.InvariantCulture);
            response.Headers[RemainingHeader] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
            response.Headers[ResetHeader] = decision.ResetsAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        if (decision.IsAllowed)
        {
            return true;
        }

        var retryAfter = decision.ResetsAt - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        response.Headers.RetryAfter = Seconds(retryAfter);
        await ErrorEnvelopeWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, new ApiError(ApiErrorCodes.TooManyRequests,
            $"This key has made its {decision.Limit} requests per {decision.Window.ToString().ToLowerInvariant()}; "
            + $"try again after {decision.ResetsAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} (in {Seconds(retryAfter)} s)."));
        return false;
    }

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
