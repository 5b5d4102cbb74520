using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// A webhook receiver on http://127.0.0.1: records every request it gets (headers, raw body, when)
/// and answers 500 to the first <see cref="FailuresBeforeSuccess"/> of them, 200 after.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(int failuresBeforeSuccess)
    {
        FailuresBeforeSuccess = failuresBeforeSuccess;
        Port = FreePort.Next();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.Run(ReceiveAsync);
    }

    public int Port { get; }

    public int FailuresBeforeSuccess { get; }

    /// <summary>The receiving URL.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/hooks/media?token=receiver-own-token");

    public IReadOnlyList<ReceivedWebhook> Requests => [.. _requests];

    public static async Task<WebhookReceiver> StartAsync(int failuresBeforeSuccess, CancellationToken cancellationToken)
    {
        var receiver = new WebhookReceiver(failuresBeforeSuccess);
        await receiver._app.StartAsync(cancellationToken);
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests have arrived in all; returns them.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, CancellationToken cancellationToken)
    {
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(cancellationToken);
        }

        return Requests;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var status = _requests.Count < FailuresBeforeSuccess ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;
        context.Response.StatusCode = status;
        var headers = context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _requests.Enqueue(new ReceivedWebhook(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray(), receivedAt, status));
        _arrived.Release();
    }
}
