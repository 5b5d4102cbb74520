using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Errors;

/// <summary>
/// An error an endpoint raises on purpose; the exception handler turns it into its status code and
/// the error envelope. Built by the factories, which fix the status and code.
/// </summary>
public sealed class ApiException(int statusCode, string code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, ApiErrorCodes.BadRequest, message);
    public static ApiException Forbidden(string message) => new(StatusCodes.Status403Forbidden, ApiErrorCodes.Forbidden, message);
    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, ApiErrorCodes.NotFound, message);
    public static ApiException Conflict(string message) => new(StatusCodes.Status409Conflict, ApiErrorCodes.Conflict, message);
    public static ApiException Gone(string message) => new(StatusCodes.Status410Gone, ApiErrorCodes.Gone, message);
    public static ApiException PayloadTooLarge(string message) => new(StatusCodes.Status413PayloadTooLarge, ApiErrorCodes.PayloadTooLarge, message);
    public static ApiException UnsupportedMediaType(string message) => new(StatusCodes.Status415UnsupportedMediaType, ApiErrorCodes.UnsupportedMediaType, message);
    public static ApiException ValidationFailed(string message) => new(StatusCodes.Status422UnprocessableEntity, ApiErrorCodes.ValidationFailed, message);
}
