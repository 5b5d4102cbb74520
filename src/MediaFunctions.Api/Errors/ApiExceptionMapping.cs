using System.Text.Json;
using Azure;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Validation;
using MediaFunctions.Orchestration;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Errors;

/// <summary>Which status and error an exception becomes; null for exceptions nobody expected (a 500).</summary>
public static class ApiExceptionMapping
{
    /// <summary>The status code and error for a known exception, or null.</summary>
    public static (int StatusCode, ApiError Error)? Map(Exception exception) => exception switch
    {
        ApiException api => (api.StatusCode, new ApiError(api.Code, api.Message)),
        BatchConflictException conflict => (StatusCodes.Status409Conflict, new ApiError(conflict.Code, conflict.Message)),
        JobQueueFullException full => (StatusCodes.Status503ServiceUnavailable, new ApiError(JobQueueFullException.Code, full.Message)),
        UnprocessableMediaException unprocessable => (StatusCodes.Status422UnprocessableEntity, new ApiError(unprocessable.Code, unprocessable.Message)),
        UnusableServiceException service => (StatusCodes.Status400BadRequest, new ApiError(ApiErrorCodes.InvalidFields, service.Message)),
        ProductionSettingsException fields => (StatusCodes.Status400BadRequest, new ApiError(ApiErrorCodes.InvalidFields, fields.Message)),
        InvalidOAuthAppException app => (StatusCodes.Status400BadRequest, new ApiError(ApiErrorCodes.InvalidFields, app.Message)),
        InvalidJobInputException input => (StatusCodes.Status400BadRequest, new ApiError(input.Code, input.Message)),
        SourceTooLargeException tooLarge => (StatusCodes.Status413PayloadTooLarge, new ApiError(SourceTooLargeException.Code, tooLarge.Message)),
        NoMediaFoundException noMedia => (StatusCodes.Status422UnprocessableEntity, new ApiError(NoMediaFoundException.Code, noMedia.Message)),
        UploadTooLargeException tooLarge => (StatusCodes.Status413PayloadTooLarge, new ApiError(ApiErrorCodes.PayloadTooLarge, tooLarge.Message)),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge,
            new ApiError(ApiErrorCodes.PayloadTooLarge, "The request body is larger than this endpoint accepts.")),
        BadHttpRequestException { InnerException: JsonException json } => InvalidJson(json),
        BadHttpRequestException bad => (bad.StatusCode, new ApiError(ApiErrorCodes.ForStatus(bad.StatusCode), bad.Message)),
        JsonException json => InvalidJson(json),
        RequestFailedException { Status: 0 } => StorageUnreachable(),
        AggregateException aggregate when aggregate.InnerExceptions.All(e => e is RequestFailedException { Status: 0 }) => StorageUnreachable(),
        InstanceExistsException exists => (StatusCodes.Status409Conflict,
            new ApiError(ApiErrorCodes.Conflict, $"An instance with id '{exists.InstanceId}' already exists and has not finished.")),
        _ => null,
    };

    /// <summary>The fields an exception names, each with what is wrong with it (several messages of one field joined), or null.</summary>
    public static IReadOnlyDictionary<string, string>? FormErrors(Exception exception) => exception switch
    {
        ProductionSettingsException fields => ByField(fields.Errors),
        InvalidOAuthAppException app => ByField(app.Errors),
        UnusableServiceException service => new Dictionary<string, string> { [UnusableServiceException.Field] = service.Message },
        _ => null,
    };

    private static Dictionary<string, string> ByField(IReadOnlyList<ValidationError> errors) =>
        errors.GroupBy(error => error.Field, StringComparer.Ordinal)
            .ToDictionary(field => field.Key, field => string.Join(" ", field.Select(error => error.Message)), StringComparer.Ordinal);

    // Status 0: the storage service gave no HTTP answer at all (refused, reset, timed out), after the SDK's retries.
    private static (int, ApiError) StorageUnreachable() =>
        (StatusCodes.Status503ServiceUnavailable, new ApiError(ApiErrorCodes.ServiceUnavailable, "Storage is unreachable right now; try again shortly."));

    private static (int, ApiError) InvalidJson(JsonException exception)
    {
        // The JSON reader's own message says where the problem is; anything else it might carry stays out.
        var where = exception.Path is null ? "" : $" at {exception.Path}";
        var line = exception.LineNumber is { } number ? $" (line {number + 1}, position {exception.BytePositionInLine + 1})" : "";
        return (StatusCodes.Status400BadRequest, new ApiError(ApiErrorCodes.InvalidJson, $"The request body is not valid JSON{where}{line}."));
    }
}
