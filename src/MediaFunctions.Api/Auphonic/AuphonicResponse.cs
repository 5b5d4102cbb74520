using System.Text.Json.Serialization;
using MediaFunctions.Api.Errors;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// Every answer of the Auphonic dialect: <c>{"status_code", "error_code", "error_message", "form_errors", "data"}</c>,
/// with <c>status_code</c> equal to the HTTP status. A success has a null <c>error_code</c>, an empty message and no
/// form errors; an error names our error code, says what is wrong and, for bad fields, names each in <c>form_errors</c>.
/// </summary>
public sealed record AuphonicResponse(
    [property: JsonPropertyName("status_code")] int StatusCode,
    [property: JsonPropertyName("error_code")] string? ErrorCode,
    [property: JsonPropertyName("error_message")] string ErrorMessage,
    [property: JsonPropertyName("form_errors")] IReadOnlyDictionary<string, string> FormErrors,
    [property: JsonPropertyName("data")] object? Data)
{
    private static readonly IReadOnlyDictionary<string, string> NoFormErrors = new Dictionary<string, string>();

    /// <summary>A 200 answer carrying <paramref name="data"/>.</summary>
    public static AuphonicResponse Ok(object? data) => new(StatusCodes.Status200OK, null, "", NoFormErrors, data);

    /// <summary>A time as every answer of the dialect writes it: ISO 8601 in UTC, to the millisecond.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An error answer with <paramref name="statusCode"/>.</summary>
    public static AuphonicResponse Error(int statusCode, ApiError error, IReadOnlyDictionary<string, string>? formErrors = null) =>
        new(statusCode, error.Code, error.Message, formErrors ?? NoFormErrors, null);
}
