using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Errors;

/// <summary>Gives bodiless error responses of the framework (unknown route, wrong method, 415) the error envelope of the route's dialect.</summary>
internal static class StatusCodeEnvelopeWriter
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        var response = context.HttpContext.Response;
        var message = response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"There is no resource at '{context.HttpContext.Request.Path}'.",
            StatusCodes.Status405MethodNotAllowed => $"'{context.HttpContext.Request.Method}' is not allowed on '{context.HttpContext.Request.Path}'.",
            StatusCodes.Status415UnsupportedMediaType => $"Content type '{context.HttpContext.Request.ContentType}' is not supported here.",
            _ => $"The request failed with status {response.StatusCode}.",
        };
        return ErrorEnvelopeWriter.WriteAsync(context.HttpContext, response.StatusCode, new ApiError(ApiErrorCodes.ForStatus(response.StatusCode), message));
    }
}
