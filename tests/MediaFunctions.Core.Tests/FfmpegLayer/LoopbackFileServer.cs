using System.Net;
using MediaFunctions.Testing;

namespace MediaFunctions.Core.Tests.FfmpegLayer;

/// <summary>
/// Serves the files of one folder over plain HTTP on 127.0.0.1, whole files only (no ranges): enough for
/// ffmpeg to read an HLS playlist and its segments the way it reads them from a web server.
/// </summary>
public sealed class LoopbackFileServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _folder;
    private readonly Task _serving;

    public LoopbackFileServer(string folder)
    {
        _folder = folder;
        var port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri BaseAddress { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var response = context.Response;
            var path = Path.Combine(_folder, Path.GetFileName(context.Request.Url!.AbsolutePath));
            if (!File.Exists(path))
            {
                response.StatusCode = (int)HttpStatusCode.NotFound;
                continue;
            }

            await using var file = File.OpenRead(path);
            response.ContentLength64 = file.Length;
            try
            {
                await file.CopyToAsync(response.OutputStream);
            }
            catch (HttpListenerException)
            {
                // The client closed the connection before the end, as ffmpeg may once it has what it needs.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }
}
