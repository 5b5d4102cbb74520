using MediaFunctions.Api.Auphonic;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Errors;

/// <summary>
/// Writes an error in the envelope of the dialect the request's path belongs to: the Auphonic envelope on
/// <see cref="AuphonicRoutes"/>, the native <see cref="ApiErrorResponse"/> elsewhere. Every error writer
/// (exceptions, bodiless framework errors, authentication, rate limits) goes through it.
/// </summary>
public static class ErrorEnvelopeWriter
{
    /// <summary>Sets <paramref name="statusCode"/> and writes the envelope.</summary>
    public static Task WriteAsync(HttpContext context, int statusCode, ApiError error, IReadOnlyDictionary<string, string>? formErrors = null)
    {
        context.Response.StatusCode = statusCode;
        return AuphonicRoutes.Owns(context.Request.Path)
            ? context.Response.WriteAsJsonAsync(AuphonicResponse.Error(statusCode, error, formErrors), context.RequestAborted)
            : context.Response.WriteAsJsonAsync(new ApiErrorResponse(error), context.RequestAborted);
    }
}
