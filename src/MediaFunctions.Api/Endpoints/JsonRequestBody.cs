using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Endpoints;

/// <summary>Reads a request body that is any JSON value, or nothing.</summary>
internal static class JsonRequestBody
{
    /// <summary>True when the request announces a body (a length above zero, or chunked).</summary>
    public static bool IsPresent(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    /// <summary>The body's JSON value, or null without a body; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static async Task<JsonElement?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsPresent(request))
        {
            return null;
        }

        using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
