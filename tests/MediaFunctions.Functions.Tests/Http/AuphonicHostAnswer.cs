using System.Net;
using System.Text.Json;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// What a host answered in the Auphonic envelope, reduced to what must agree between hosts: the HTTP status, <c>status_code</c>,
/// <c>error_code</c>, <c>error_message</c> and <c>form_errors</c> (as sorted <c>field: message</c> lines, so a record compares
/// them by value), with a production's uuid, which differs by nature, replaced by <c>{uuid}</c>. A body that is not the envelope
/// leaves <see cref="StatusCode"/> null and is kept whole in <see cref="Body"/>.
/// </summary>
public sealed record AuphonicHostAnswer(HttpStatusCode Status, int? StatusCode, string? ErrorCode, string? ErrorMessage, string FormErrors, string Body)
{
    /// <summary>Reads the response; <paramref name="uuid"/> (if any) is replaced by <c>{uuid}</c> in the message and form errors.</summary>
    public static async Task<AuphonicHostAnswer> ReadAsync(HttpResponseMessage response, string? uuid, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("status_code", out var statusCode))
            {
                var formErrors = root.GetProperty("form_errors").EnumerateObject()
                    .Select(field => $"{field.Name}: {Unnamed(field.Value.GetString(), uuid)}")
                    .Order(StringComparer.Ordinal);
                return new AuphonicHostAnswer(response.StatusCode, statusCode.GetInt32(), root.GetProperty("error_code").GetString(),
                    Unnamed(root.GetProperty("error_message").GetString(), uuid), string.Join('\n', formErrors), body);
            }
        }
        catch (JsonException)
        {
            // Not JSON: StatusCode stays null and the assertion shows the body.
        }

        return new AuphonicHostAnswer(response.StatusCode, null, null, null, "", body);
    }

    private static string? Unnamed(string? text, string? uuid) =>
        uuid is null || text is null ? text : text.Replace(uuid, "{uuid}", StringComparison.Ordinal);
}
