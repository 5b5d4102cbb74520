using System.Text.Json.Serialization;
using MediaFunctions.Core.OAuth;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.OAuth;

/// <summary>An error of the token endpoint (RFC 6749 §5.2): <c>{"error", "error_description"}</c>.</summary>
public sealed record OAuthErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription)
{
    /// <summary>The RFC 6749 code that fits a status when nothing more specific is known.</summary>
    public static string CodeFor(int statusCode) => statusCode switch
    {
        StatusCodes.Status401Unauthorized => OAuthErrorCodes.InvalidClient,
        StatusCodes.Status503ServiceUnavailable => OAuthErrorCodes.TemporarilyUnavailable,
        >= 500 => OAuthErrorCodes.ServerError,
        _ => OAuthErrorCodes.InvalidRequest,
    };
}
