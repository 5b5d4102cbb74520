using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// What a host answered, reduced to what must agree between hosts: the status, the error envelope's
/// code and message (with the values that differ by nature, a job id and a wait in seconds, replaced)
/// and whether <c>Retry-After</c> was sent. A body that is not the envelope is kept whole in <see cref="Body"/>.
/// </summary>
public sealed partial record HostAnswer(HttpStatusCode Status, string? Code, string? Message, bool HasRetryAfter, string Body)
{
    /// <summary>Reads the response; <paramref name="id"/> (if any) is replaced by <c>{id}</c> in the message.</summary>
    public static async Task<HostAnswer> ReadAsync(HttpResponseMessage response, string? id, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? code = null, message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("error", out var error))
            {
                code = error.GetProperty("code").GetString();
                message = error.GetProperty("message").GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: Code stays null and the assertion shows the body.
        }

        if (message is not null)
        {
            message = Wait().Replace(id is null ? message : message.Replace(id, "{id}", StringComparison.Ordinal), "(in … s)");
        }

        return new HostAnswer(response.StatusCode, code, message, response.Headers.RetryAfter is not null, body);
    }

    [GeneratedRegex(@"\(in \d+ s\)")]
    private static partial Regex Wait();
}
