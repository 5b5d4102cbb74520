using System.Text;
using MediaFunctions.Api.Events;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MediaFunctions.Api.Tests.Events;

/// <summary>The stream writer's timing, on a fake clock: keep-alive comments and the maximum duration.</summary>
public sealed class ServerSentEventStreamTests
{
    private static readonly ResourceSnapshot Running = new("1-50", Ended: false, new { progress = 50 });

    [Fact]
    public async Task WriteAsync_NothingChangesForTheKeepAliveInterval_CommentThenDone()
    {
        var clock = new FakeTimeProvider();
        var options = new EventStreamOptions();
        var polls = Math.Ceiling(options.EventKeepAliveInterval / options.EventPollInterval);
        var (context, body) = NewContext();
        using var reads = new SemaphoreSlim(0);
        var count = 0;
        Task<ResourceSnapshot?> ReadAsync(CancellationToken token)
        {
            reads.Release();
            return Task.FromResult<ResourceSnapshot?>(++count > polls ? Running with { Ended = true } : Running);
        }

        var stream = Stream(options, clock).WriteAsync(context, Running, ReadAsync, CancellationToken.None);
        for (var read = 0; read <= polls; read++)
        {
            await AdvanceUntilReadAsync(clock, options.EventPollInterval, reads);
        }

        await stream.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("id: 1-50\nevent: progress\ndata: {\"progress\":50}\n\n: keep-alive\n\nid: 1-50-done\nevent: done\ndata: {\"progress\":50}\n\n",
            Encoding.UTF8.GetString(body.ToArray()));
        Assert.Equal("text/event-stream", context.Response.ContentType);
    }

    [Fact]
    public async Task WriteAsync_MaxDurationPasses_RetryHintAndEnds()
    {
        var clock = new FakeTimeProvider();
        var options = new EventStreamOptions { EventStreamMaxDuration = TimeSpan.FromSeconds(1) };
        var (context, body) = NewContext();
        using var reads = new SemaphoreSlim(0);
        Task<ResourceSnapshot?> ReadAsync(CancellationToken token)
        {
            reads.Release();
            return Task.FromResult<ResourceSnapshot?>(Running);
        }

        var stream = Stream(options, clock).WriteAsync(context, Running, ReadAsync, CancellationToken.None);
        await AdvanceUntilReadAsync(clock, options.EventPollInterval, reads);
        await AdvanceUntilReadAsync(clock, options.EventPollInterval, reads);

        await stream.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.EndsWith("\n\nretry: 1000\n\n", Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task WriteAsync_EndedBeforeThePollInterval_DoneWithoutTheClockMoving()
    {
        var (context, body) = NewContext();
        var ended = new TaskCompletionSource();
        var finished = false;
        Task<ResourceSnapshot?> ReadAsync(CancellationToken token) =>
            Task.FromResult<ResourceSnapshot?>(finished ? Running with { Version = "2-100", Ended = true } : Running);

        var stream = Stream(new EventStreamOptions(), new FakeTimeProvider()).WriteAsync(context, Running, ReadAsync, CancellationToken.None, ended.Task);
        finished = true;
        ended.SetResult();

        // The fake clock never reaches the poll interval: only the wake-up can have sent the done event.
        await stream.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.EndsWith("event: done\ndata: {\"progress\":50}\n\n", Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task WriteAsync_LastEventIdIsTheDoneEvent_NoContent()
    {
        var (context, body) = NewContext();
        var done = Running with { Ended = true };
        context.Request.Headers[ServerSentEventStream.LastEventIdHeader] = done.EventId;

        await Stream(new EventStreamOptions(), new FakeTimeProvider()).WriteAsync(context, done, _ => throw new InvalidOperationException(), CancellationToken.None);

        Assert.Equal(StatusCodes.Status204NoContent, context.Response.StatusCode);
        Assert.Equal(0, body.Length);
    }

    private static ServerSentEventStream Stream(EventStreamOptions options, TimeProvider clock) =>
        new(Options.Create(options), Options.Create(new HttpJsonOptions()), clock);

    private static (DefaultHttpContext Context, MemoryStream Body) NewContext()
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext();
        context.Response.Body = body;
        return (context, body);
    }

    /// <summary>Moves the clock one poll interval at a time until the stream has read again (its delay may not be armed yet).</summary>
    private static async Task AdvanceUntilReadAsync(FakeTimeProvider clock, TimeSpan interval, SemaphoreSlim reads)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await reads.WaitAsync(TimeSpan.FromMilliseconds(20), timeout.Token))
        {
            clock.Advance(interval);
        }
    }
}
