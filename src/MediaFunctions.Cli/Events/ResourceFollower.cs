using System.Net;
using System.Text.Json;
using MediaFunctions.Cli.Api;

namespace MediaFunctions.Cli.Events;

/// <summary>
/// Follows one job, batch or production to its end through its <c>/events</c> stream: each <c>progress</c>
/// event's data is the resource as its GET shows it, <c>done</c> carries the last. A broken or silent stream is
/// reopened with <c>Last-Event-ID</c>, so nothing is missed or repeated. A server without the events route
/// (it answers 404 while the resource itself is there) is polled once a second instead.
/// </summary>
/// <param name="client">The API client.</param>
/// <param name="resourcePath">The resource's GET path, e.g. <c>/api/jobs/{id}</c>.</param>
/// <param name="eventsPath">Its events path, e.g. <c>/api/jobs/{id}/events</c>.</param>
/// <param name="hasEnded">Whether a snapshot of the resource is final (used when polling).</param>
public sealed class ResourceFollower(MediafnClient client, string resourcePath, string eventsPath, Func<JsonElement, bool> hasEnded)
{
    /// <summary>How many times in a row the stream may break (a network failure, not a clean end) without an event before the follow gives up (exit 4).</summary>
    public const int MaxReconnects = 8;

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Calls <paramref name="onUpdate"/> with each snapshot and returns the final one.</summary>
    public async Task<JsonElement> FollowAsync(Action<JsonElement> onUpdate, CancellationToken cancellationToken = default)
    {
        string? lastEventId = null;
        var failures = 0;
        while (true)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, client.Resolve(eventsPath));
                    request.Headers.Accept.ParseAdd("text/event-stream");
                    if (lastEventId is not null)
                    {
                        request.Headers.Add("Last-Event-ID", lastEventId);
                    }

                    return request;
                }, MediafnClient.RequestTimeout, cancellationToken);
            }
            catch (MediafnException e) when (e.Status == HttpStatusCode.NotFound && lastEventId is null)
            {
                // The resource's own 404 (unknown id) comes from this GET; a 200 means only the events route is missing.
                return await PollAsync(await client.GetJsonAsync(resourcePath, cancellationToken), onUpdate, cancellationToken);
            }

            Exception? broken = null;
            try
            {
                using (response)
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await foreach (var item in EventStreamReader.ReadAsync(stream, cancellationToken))
                    {
                        lastEventId = item.Id ?? lastEventId;
                        failures = 0;
                        using var document = JsonDocument.Parse(item.Data);
                        var snapshot = document.RootElement.Clone();
                        onUpdate(snapshot);
                        if (item.Type == "done")
                        {
                            return snapshot;
                        }
                    }
                }
            }
            catch (Exception e) when (e is TimeoutException || MediafnClient.IsNetworkFailure(e, cancellationToken))
            {
                broken = e;
            }

            // A stream the server ended cleanly (a host that bounds how long a response may last) is just reopened.
            if (broken is not null && ++failures > MaxReconnects)
            {
                throw MediafnException.Network($"The event stream {eventsPath} kept breaking: {MediafnClient.Describe(broken)}", broken);
            }

            // The stream ended without its done event, or broke: pick it up after the last event seen.
            await Task.Delay(ReconnectDelay, cancellationToken);
        }
    }

    private async Task<JsonElement> PollAsync(JsonElement snapshot, Action<JsonElement> onUpdate, CancellationToken cancellationToken)
    {
        while (true)
        {
            onUpdate(snapshot);
            if (hasEnded(snapshot))
            {
                return snapshot;
            }

            await Task.Delay(PollInterval, cancellationToken);
            snapshot = await client.GetJsonAsync(resourcePath, cancellationToken);
        }
    }
}
