using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Api.Errors;

/// <summary>
/// Writes every exception that escapes an endpoint as the error envelope: known ones with their own
/// status (see <see cref="ApiExceptionMapping"/>), anything else as a logged 500 that names the
/// trace id and reveals nothing else, in the envelope of the route's dialect (<see cref="ErrorEnvelopeWriter"/>). The self-host runs it as the exception handler middleware;
/// the Azure Functions host, which has no such middleware in front of its functions, calls
/// <see cref="WriteAsync"/> itself.
/// </summary>
public static class ApiExceptionHandler
{
    /// <summary>What a 503 without an estimate of its own tells the client to wait.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The exception handler middleware's handler.</summary>
    public static Task HandleAsync(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Error is { } exception ? WriteAsync(context, exception) : Task.CompletedTask;

    /// <summary>Answers the request with the error envelope for <paramref name="exception"/>, and logs it.</summary>
    public static async Task WriteAsync(HttpContext context, Exception exception)
    {
        if (exception is OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // The client went away and there is nobody to answer.
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiExceptionHandler));
        int statusCode;
        ApiError error;
        if (ApiExceptionMapping.Map(exception) is { } known)
        {
            (statusCode, error) = known;
            Logs.RequestRejected(logger, context.Request.Method, context.Request.Path, statusCode, error.Message);
        }
        else
        {
            statusCode = StatusCodes.Status500InternalServerError;
            error = new ApiError(ApiErrorCodes.InternalError,
                $"An unexpected error occurred. It has been logged with trace id {context.TraceIdentifier}.");
            Logs.UnhandledException(logger, context.Request.Method, context.Request.Path, context.TraceIdentifier, exception);
        }

        if (statusCode == StatusCodes.Status503ServiceUnavailable)
        {
            // Every 503 says when to come back: the queue's own estimate, else a short while.
            var retryAfter = exception is JobQueueFullException full ? full.RetryAfter : DefaultRetryAfter;
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await ErrorEnvelopeWriter.WriteAsync(context, statusCode, error, ApiExceptionMapping.FormErrors(exception));
    }
}
