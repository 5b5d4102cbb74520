using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// A local origin for URL sources: serves a folder over http://127.0.0.1 with single byte ranges
/// (open-ended or bounded; switchable off), redirects on chosen paths, and a log of every request
/// with the body bytes it sent, so tests can assert what a source read cost the origin.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ServedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (int Status, string Location)> _redirects = new();
    private readonly ConcurrentDictionary<string, long> _cutOffs = new();
    private long _bytesSent;

    private StaticFileServer(string folder)
    {
        Folder = folder;
        Port = FreePort.Next();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.Run(ServeAsync);
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>False makes the server ignore Range headers and always send whole files with 200, like origins without range support.</summary>
    public bool SupportsRanges { get; set; } = true;

    /// <summary>Body bytes written to clients so far (a client that hangs up stops the count where its connection broke).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    public IReadOnlyList<ServedRequest> Requests => [.. _requests];

    /// <summary>Starts serving <paramref name="folder"/>.</summary>
    public static async Task<StaticFileServer> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var server = new StaticFileServer(folder);
        await server._app.StartAsync(cancellationToken);
        return server;
    }

    /// <summary>The URL of a path under the folder (forward slashes).</summary>
    public Uri Url(string path) => new($"http://127.0.0.1:{Port}/{path.TrimStart('/')}");

    /// <summary>Answers <paramref name="path"/> with a redirect to <paramref name="location"/> from now on.</summary>
    public void Redirect(string path, string location, int status = StatusCodes.Status302Found) =>
        _redirects["/" + path.TrimStart('/')] = (status, location);

    /// <summary>Makes <paramref name="path"/> break its connection after <paramref name="bytes"/> body bytes, as an origin that dies mid-file.</summary>
    public void CutOff(string path, long bytes) => _cutOffs["/" + path.TrimStart('/')] = bytes;

    /// <summary>Forgets the request log and the byte count.</summary>
    public void ResetCounts()
    {
        _requests.Clear();
        Interlocked.Exchange(ref _bytesSent, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var range = request.Headers.Range.ToString();
        long sent = 0;
        try
        {
            if (_redirects.TryGetValue(request.Path.Value ?? "", out var redirect))
            {
                response.StatusCode = redirect.Status;
                response.Headers.Location = redirect.Location;
                return;
            }

            var file = Path.GetFullPath(Path.Combine(Folder, Uri.UnescapeDataString(request.Path.Value ?? "").TrimStart('/')));
            if (!file.StartsWith(Path.GetFullPath(Folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            var length = new FileInfo(file).Length;
            response.ContentType = ContentTypeOf(file);
            var (first, last) = (0L, length - 1);
            if (SupportsRanges)
            {
                response.Headers.AcceptRanges = "bytes";
                if (ParseRange(range, length) is { } asked)
                {
                    if (asked.First >= length)
                    {
                        response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                        response.Headers.ContentRange = $"bytes */{length}";
                        return;
                    }

                    (first, last) = (asked.First, Math.Min(asked.Last ?? length - 1, length - 1));
                    response.StatusCode = StatusCodes.Status206PartialContent;
                    response.Headers.ContentRange = $"bytes {first}-{last}/{length}";
                }
            }

            response.ContentLength = last - first + 1;
            if (HttpMethods.IsHead(request.Method))
            {
                return;
            }

            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
            stream.Position = first;
            var buffer = new byte[32 * 1024];
            var remaining = last - first + 1;
            var cutOff = _cutOffs.TryGetValue(request.Path.Value ?? "", out var cutOffBytes) ? cutOffBytes : long.MaxValue;
            while (remaining > 0)
            {
                if (sent >= cutOff)
                {
                    await response.Body.FlushAsync(context.RequestAborted);
                    context.Abort();
                    return;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(Math.Min(buffer.Length, remaining), Math.Max(cutOff - sent, 1))), context.RequestAborted);
                await response.Body.WriteAsync(buffer.AsMemory(0, read), context.RequestAborted);
                sent += read;
                remaining -= read;
                Interlocked.Add(ref _bytesSent, read);
            }
        }
        catch (Exception gone) when (gone is OperationCanceledException or IOException)
        {
            // The client hung up; what it cost is already counted.
        }
        finally
        {
            _requests.Enqueue(new ServedRequest(request.Method, request.Path.Value ?? "", range.Length == 0 ? null : range, response.StatusCode, sent));
        }
    }

    private static (long First, long? Last)? ParseRange(string header, long length)
    {
        if (!header.StartsWith("bytes=", StringComparison.Ordinal) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var parts = header["bytes=".Length..].Split('-');
        if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return null;
        }

        return parts[1].Length == 0 ? (first, null)
            : long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= first ? (first, last)
            : null;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".mp4" => "video/mp4",
        ".mkv" => "video/x-matroska",
        ".m4a" => "audio/mp4",
        ".mp3" => "audio/mpeg",
        ".ts" => "video/mp2t",
        ".m4s" => "video/iso.segment",
        ".m3u8" => "application/vnd.apple.mpegurl",
        ".mpd" => "application/dash+xml",
        ".html" => "text/html; charset=utf-8",
        ".vtt" => "text/vtt",
        ".jpg" => "image/jpeg",
        _ => "application/octet-stream",
    };
}
