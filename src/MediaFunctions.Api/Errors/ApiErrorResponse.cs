using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MediaFunctions.Api.Errors;

/// <summary>The body of every error the native API returns: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
public sealed record ApiErrorResponse(ApiError Error)
{
    /// <summary>An error result with the status code and envelope.</summary>
    public static JsonHttpResult<ApiErrorResponse> Create(int statusCode, string code, string message) =>
        TypedResults.Json(new ApiErrorResponse(new ApiError(code, message)), statusCode: statusCode);

    /// <summary>400: the request is malformed.</summary>
    public static JsonHttpResult<ApiErrorResponse> BadRequest(string message, string code = ApiErrorCodes.BadRequest) =>
        Create(StatusCodes.Status400BadRequest, code, message);

    /// <summary>404: nothing by that id exists for the caller's key.</summary>
    public static JsonHttpResult<ApiErrorResponse> NotFound(string message) =>
        Create(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, message);

    /// <summary>410: the thing exists but has finished, so the operation no longer applies.</summary>
    public static JsonHttpResult<ApiErrorResponse> Gone(string message) =>
        Create(StatusCodes.Status410Gone, ApiErrorCodes.Gone, message);

    /// <summary>412: the thing is not in a state the operation needs.</summary>
    public static JsonHttpResult<ApiErrorResponse> PreconditionFailed(string message) =>
        Create(StatusCodes.Status412PreconditionFailed, ApiErrorCodes.PreconditionFailed, message);
}
