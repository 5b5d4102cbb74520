using MediaFunctions.Api.Auphonic;
using MediaFunctions.Api.OAuth;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Errors;

/// <summary>
/// Writes an error in the envelope of the dialect the request's path belongs to: the Auphonic envelope on
/// <see cref="AuphonicRoutes"/>, an RFC 6749 error on <see cref="OAuthRoutes"/>, the native <see cref="ApiErrorResponse"/> elsewhere. Every error writer
/// (exceptions, bodiless framework errors, authentication, rate limits) goes through it.
/// </summary>
public static class ErrorEnvelopeWriter
{
    /// <summary>Sets <paramref name="statusCode"/> and writes the envelope.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, ApiError error, IReadOnlyDictionary<string, string>? formErrors = null)
    {
        context.Response.StatusCode = statusCode;
        var path = context.Request.Path;
        return AuphonicRoutes.Owns(path) ? context.Response.WriteAsJsonAsync(AuphonicResponse.Error(statusCode, error, formErrors), context.RequestAborted)
            : OAuthRoutes.Owns(path) ? context.Response.WriteAsJsonAsync(new OAuthErrorResponse(OAuthErrorResponse.CodeFor(statusCode), error.Message), context.RequestAborted)
            : context.Response.WriteAsJsonAsync(new ApiErrorResponse(error), context.RequestAborted);
    }
}
