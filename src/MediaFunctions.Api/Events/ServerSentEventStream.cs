using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MediaFunctions.Api.Events;

/// <summary>
/// Writes a resource's live progress as <c>text/event-stream</c>: reads it every <see cref="EventStreamOptions.EventPollInterval"/>
/// with the read its GET does, sends <c>progress</c> when its version changed, one <c>done</c> once it has ended, and
/// <c>: keep-alive</c> comments while nothing changes. Polling the store, not listening inside one process, keeps every
/// host instance (and the Functions app's scale-out) able to serve any stream.
/// </summary>
public sealed class ServerSentEventStream(IOptions<EventStreamOptions> options, IOptions<HttpJsonOptions> jsonOptions, TimeProvider clock)
{
    /// <summary>The request header a reconnecting EventSource sends with the id of the last event it received.</summary>
    public const string LastEventIdHeader = "Last-Event-ID";

    /// <summary>
    /// Streams from <paramref name="first"/> (already read, so an unknown resource is refused before the stream starts) until
    /// the resource ends, vanishes, the client leaves or the stream's maximum duration passes. A client whose
    /// <c>Last-Event-ID</c> names the current version gets nothing for it; one that already has the <c>done</c> event gets 204,
    /// which tells an EventSource to stop reconnecting.
    /// </summary>
    /// <param name="ended">
    /// Completes when the resource may have ended, sooner than the next read would see it (a job that ends in this process),
    /// so its <c>done</c> goes out at once; null to rely on the reads alone.
    /// </param>
    public async Task WriteAsync(HttpContext context, ResourceSnapshot first, Func<CancellationToken, Task<ResourceSnapshot?>> read,
        CancellationToken cancellationToken, Task? ended = null)
    {
        var settings = options.Value;
        var response = context.Response;
        var lastEventId = context.Request.Headers[LastEventIdHeader].ToString();
        if (first.Ended && first.EventId == lastEventId)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Reverse proxies (nginx and kin) would otherwise hold events back until their buffer fills.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var started = clock.GetUtcNow();
        var lastWrite = started;
        var sent = string.IsNullOrEmpty(lastEventId) ? null : lastEventId;
        var snapshot = first;
        try
        {
            await response.StartAsync(cancellationToken);
            while (snapshot is not null)
            {
                if (snapshot.EventId != sent)
                {
                    await WriteEventAsync(response, snapshot, cancellationToken);
                    sent = snapshot.EventId;
                    lastWrite = clock.GetUtcNow();
                }
                else if (clock.GetUtcNow() - lastWrite >= settings.EventKeepAliveInterval)
                {
                    await WriteTextAsync(response, ": keep-alive\n\n", cancellationToken);
                    lastWrite = clock.GetUtcNow();
                }

                if (snapshot.Ended)
                {
                    return;
                }

                if (settings.EventStreamMaxDuration is { } max && clock.GetUtcNow() - started >= max)
                {
                    await WriteTextAsync(response, $"retry: {(long)EventStreamOptions.ReconnectDelay.TotalMilliseconds}\n\n", cancellationToken);
                    return;
                }

                var poll = Task.Delay(settings.EventPollInterval, clock, cancellationToken);
                if (ended is null || await Task.WhenAny(poll, ended) == poll)
                {
                    await poll;
                }
                else
                {
                    // Woken once: a resource that still reads as running is then read at the interval again.
                    ended = null;
                }

                snapshot = await read(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away: nothing is left to write to.
        }
    }

    private Task WriteEventAsync(HttpResponse response, ResourceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var data = JsonSerializer.Serialize(snapshot.Body, snapshot.Body.GetType(), jsonOptions.Value.SerializerOptions);
        var name = snapshot.Ended ? "done" : "progress";
        return WriteTextAsync(response, $"id: {snapshot.EventId}\nevent: {name}\ndata: {data}\n\n", cancellationToken);
    }

    private static async Task WriteTextAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
