using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace MediaFunctions.Testing.Api;

/// <summary>Reads the live-progress streams (<c>…/events</c>) as a browser's EventSource would.</summary>
public static class EventStreamApi
{
    /// <summary>Opens the stream (headers read, body not yet); the caller reads it with <see cref="ReadAsync"/> and disposes it.</summary>
    public static async Task<HttpResponseMessage> OpenAsync(HttpClient client, string path, CancellationToken cancellationToken, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>The events of an open stream, as they arrive, until the server closes it; comment lines are counted in <paramref name="comments"/>.</summary>
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken cancellationToken,
        List<string>? comments = null)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null, name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return new ServerSentEvent(id, name ?? "message", JsonDocument.Parse(data.ToString()).RootElement.Clone());
                }

                (id, name) = (null, null);
                data.Clear();
            }
            else if (line.StartsWith(':'))
            {
                comments?.Add(line);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }
    }

    /// <summary>Every event of the stream at <paramref name="path"/> until the server closes it, asserting 200 and the content type.</summary>
    public static async Task<List<ServerSentEvent>> ReadAllAsync(HttpClient client, string path, CancellationToken cancellationToken, string? lastEventId = null)
    {
        using var response = await OpenAsync(client, path, cancellationToken, lastEventId);
        Xunit.Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Xunit.Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = new List<ServerSentEvent>();
        await foreach (var item in ReadAsync(response, cancellationToken))
        {
            events.Add(item);
        }

        return events;
    }
}
