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

    /// <summary>The body as <typeparamref name="T"/>; an empty body is a 400 that shows <paramref name="example"/>.</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken) where T : class
    {
        if (IsPresent(request) && !request.HasJsonContentType())
        {
            throw Errors.ApiException.UnsupportedMediaType($"Content type '{request.ContentType}' is not supported here; send application/json such as {example}.");
        }

        return (IsPresent(request) ? await request.ReadFromJsonAsync<T>(cancellationToken) : null)
            ?? throw Errors.ApiException.BadRequest($"The request body is empty; send a JSON object such as {example}.");
    }

    /// <summary>
    /// The body as a JSON object, whatever its content type says (the Auphonic dialect's clients send JSON without one); an
    /// empty body or another JSON value is a 400 that shows <paramref name="example"/>.
    /// </summary>
    public static async Task<System.Text.Json.Nodes.JsonObject> ReadObjectAsync(HttpRequest request, string example, CancellationToken cancellationToken)
    {
        var body = await ReadAsync(request, cancellationToken)
            ?? throw Errors.ApiException.BadRequest($"The request body is empty; send a JSON object such as {example}.");
        return body.ValueKind == JsonValueKind.Object
            ? System.Text.Json.Nodes.JsonObject.Create(body)!
            : throw Errors.ApiException.BadRequest($"The request body must be a JSON object such as {example}.");
    }
}
