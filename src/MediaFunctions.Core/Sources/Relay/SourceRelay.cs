using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Sources.Loopback;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// A loopback HTTP server that ffmpeg reads URL sources from instead of their origins. It answers
/// ffmpeg's open-ended range requests with bounded range requests to the origin through
/// <see cref="GuardedHttpClient"/>: each chunk an eighth of what the client has read in that response (from
/// <see cref="MinChunkBytes"/> up to <see cref="MaxChunkBytes"/>), asked when the client is within a quarter chunk of
/// needing it, so a sequential read speeds up while a read that stops (a clip's end, a seek) costs the origin about
/// one chunk past what ffmpeg took; a registration that reads its whole source instead doubles its chunks and reads
/// ahead freely (<see cref="SourceRelayRegistration.ReadsWholeSource"/>). What it reads of an origin it keeps (a few MB, for a few minutes), so a job's
/// render does not fetch again what its probe fetched. HLS playlists and DASH manifests are rewritten so their
/// segments come through the relay too.
/// </summary>
/// <remarks>
/// A hand-written HTTP/1.1 server on a <see cref="TcpListener"/> rather than Kestrel: it only has to
/// speak to ffmpeg (GET and HEAD, one range, keep-alive), it must notice the instant a client goes,
/// and Core stays free of the ASP.NET Core framework, which the Functions worker does not otherwise need.
/// </remarks>
public sealed class SourceRelay(GuardedHttpClient client, ILogger<SourceRelay> logger, MediaFunctionsMetrics metrics) : IAsyncDisposable
{
    /// <summary>ffmpeg's <c>-protocol_whitelist</c> for an input read through the relay: no https, tls or file, so it cannot go around it.</summary>
    public const string FfmpegProtocolWhitelist = "http,tcp,crypto,data";

    /// <summary>The first chunk of each response: small, as a clip of a low-bitrate podcast is only ~80 KB and its probe reads ~12 KB.</summary>
    public const int MinChunkBytes = 4 * 1024;

    /// <summary>The largest chunk a sequential read grows to.</summary>
    public const int MaxChunkBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Each chunk is what the client has read in its response divided by this: what a stop can waste, relative to what
    /// was read (the last chunk of a podcast clip's ~80 KB is ~5 KB); a 15 MB clip still reaches chunks of ~1 MB.
    /// </summary>
    public const int ChunkGrowthDivisor = 16;

    /// <summary>
    /// The most the relay holds between the origin and its client for one response: a bound on memory (two of the relay's
    /// 256 KiB copy buffers); how far ahead the origin is read is set by the chunks.
    /// </summary>
    public const int ReadAheadBytes = 512 * 1024;

    /// <summary>
    /// The socket buffers between the relay and ffmpeg, each way (the system doubles them). Small on purpose: the
    /// relay counts what sits in them as read, asks the origin for more on that, and a clip that ends or a seek leaves
    /// them unread. 2 KiB asks the system for its smallest buffers (a few KiB each), which still carry a clip at hundreds of MB/s over loopback.
    /// </summary>
    public const int ClientBufferBytes = 2 * 1024;

    /// <summary>
    /// The socket buffers for a registration that reads its whole source (<see cref="SourceRelayRegistration.ReadsWholeSource"/>):
    /// nothing read ahead is wasted there. ffmpeg copies several times faster through them than through
    /// <see cref="ClientBufferBytes"/>, and a 145 MB copy cost the host a tenth less CPU through 1 MiB than through 64 KiB.
    /// </summary>
    public const int WholeSourceBufferBytes = 1024 * 1024;

    /// <summary>The largest playlist or manifest the relay rewrites.</summary>
    public const int MaxPlaylistBytes = 16 * 1024 * 1024;

    private const string DefaultUserAgent = "MediaFunctions";

    // One read from the origin, and one write to the client per pipe segment: large, as a copy's 145 MB cost the host
    // fewer system calls (and its ffmpeg fewer wakeups) in 256 KiB pieces than in 64 KiB ones. Pooled: each is a large object.
    private const int CopyBufferBytes = 256 * 1024;

    // How long the rest of an answer its client left may take to reach the cache.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, SourceRelayRegistration> _registrations = new();
    private readonly OriginCache _cache = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _starting = new();
    private LoopbackServer? _server;

    /// <summary>
    /// The arguments to put before an input's <c>-i</c> when it is a relay URL: <see cref="FfmpegProtocolWhitelist"/>, a
    /// receive buffer of <see cref="ClientBufferBytes"/>, and fast seeking, without which ffmpeg seeks in an MP3 with no
    /// table of contents by reading it from the start (a clip at 5:00 of a podcast cost 2.4 MB instead of its 80 KB).
    /// </summary>
    public static IReadOnlyList<string> FfmpegInputArguments { get; } = InputArguments(ClientBufferBytes);

    /// <summary><see cref="FfmpegInputArguments"/> with a receive buffer of <see cref="WholeSourceBufferBytes"/>, for a registration that reads its whole source.</summary>
    public static IReadOnlyList<string> WholeSourceFfmpegInputArguments { get; } = InputArguments(WholeSourceBufferBytes);

    /// <summary>
    /// Registers an origin URL (already checked by <see cref="UrlSourcePolicy.CheckAsync"/>) and returns
    /// the registration whose <see cref="SourceRelayRegistration.Url"/> ffmpeg reads. Starts the relay on
    /// first use.
    /// </summary>
    /// <param name="origin">The http or https URL to read.</param>
    /// <param name="maxBytes">A cap on the declared size and on bytes fetched (<see cref="SourceTooLargeException"/>), or null.</param>
    /// <param name="originHeaders">Headers to send with every origin request (an extractor's User-Agent, Referer or cookies), or null.</param>
    /// <param name="wholeSource">
    /// True when ffmpeg will read the source to its end (a copy, not a clip or a probe): the origin is then read ahead
    /// eagerly, in chunks that double, as nothing fetched is wasted.
    /// </param>
    public SourceRelayRegistration Register(Uri origin, long? maxBytes = null, IReadOnlyDictionary<string, string>? originHeaders = null, bool wholeSource = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes ?? 1, nameof(maxBytes));
        var registration = new SourceRelayRegistration(this, Start().Port, origin, maxBytes, originHeaders ?? new Dictionary<string, string>(), wholeSource);
        _registrations[registration.Token] = registration;
        return registration;
    }

    /// <summary>
    /// Up to <paramref name="count"/> bytes of <paramref name="registration"/>'s origin from <paramref name="first"/> on, as far
    /// as the relay holds them from earlier reads (fewer, or none, past that): a look at what a probe read, at no cost to the origin.
    /// </summary>
    public ReadOnlyMemory<byte> ReadHeld(SourceRelayRegistration registration, long first, int count)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var cached = _cache.For(registration.Origin, registration.OriginHeaders);
        var held = new byte[count];
        var filled = 0;
        while (filled < count && cached.Read(first + filled, first + count - 1) is { IsEmpty: false } piece)
        {
            piece.CopyTo(held.AsMemory(filled));
            filled += piece.Length;
        }

        return held.AsMemory(0, filled);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        foreach (var registration in _registrations.Values)
        {
            registration.Dispose();
        }

        if (_server is { } server)
        {
            await server.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private static string[] InputArguments(int receiveBufferBytes) =>
        ["-protocol_whitelist", FfmpegProtocolWhitelist, "-recv_buffer_size", receiveBufferBytes.ToString(CultureInfo.InvariantCulture), "-fflags", "+fastseek"];

    internal void Remove(SourceRelayRegistration registration)
    {
        if (_registrations.TryRemove(registration.Token, out _))
        {
            // What the source cost, once per registration: on the job's span and in the meter.
            var job = JobTelemetry.Current;
            Activity.Current?.SetTag(TelemetryTags.BytesIn, registration.BytesFetched);
            metrics.SourceRead(job?.Kind, registration.BytesFetched, registration.DeclaredSize);
        }
    }

    private LoopbackServer Start()
    {
        lock (_starting)
        {
            return _server ??= new LoopbackServer(ServeConnectionAsync, ClientBufferBytes);
        }
    }

    private async Task ServeConnectionAsync(NetworkStream stream, CancellationToken stopping)
    {
        var reader = new HttpConnectionReader(stream);
        while (true)
        {
            HttpRequestHead? request;
            try
            {
                request = await reader.ReadRequestAsync(stopping);
            }
            catch (InvalidDataException)
            {
                await new HttpResponseWriter(stream).WriteTextAsync(400, "Bad Request", "Malformed request.", keepAlive: false, stopping);
                return;
            }

            try
            {
                if (request is null || !await ServeRequestAsync(request, reader, new HttpResponseWriter(stream), stopping) || !request.KeepAlive)
                {
                    return;
                }
            }
            catch (Exception unexpected) when (unexpected is not (OperationCanceledException or IOException or ObjectDisposedException or SocketException))
            {
                Logs.RelayFailed(logger, unexpected);
                return;
            }
        }
    }

    /// <summary>Serves one request; true when the connection can carry another.</summary>
    private async Task<bool> ServeRequestAsync(HttpRequestHead request, HttpConnectionReader reader, HttpResponseWriter response, CancellationToken stopping)
    {
        if (!TryParseTarget(request.Target, out var token, out var origin) || !_registrations.TryGetValue(token, out var registration))
        {
            await response.WriteTextAsync(404, "Not Found", "No such relay URL (the job may have ended).", request.KeepAlive, stopping);
            return true;
        }

        if (request.Method != "GET" && request.Method != "HEAD")
        {
            await response.WriteTextAsync(405, "Method Not Allowed", "The relay answers GET and HEAD only.", request.KeepAlive, stopping);
            return true;
        }

        if (registration.Failure is { } failed)
        {
            // The job fails anyway: nothing more is fetched for it.
            await WriteRefusalAsync(response, failed, stopping);
            return false;
        }

        using var serving = CancellationTokenSource.CreateLinkedTokenSource(stopping, registration.Ending);
        var clientGone = WatchClientAsync(reader, serving);
        try
        {
            return request.Method == "HEAD"
                ? await ServeHeadAsync(registration, origin, request.KeepAlive, response, serving.Token)
                : await ServeGetAsync(registration, origin, request, response, serving.Token);
        }
        catch (Exception refusal) when (refusal is InvalidJobInputException or SourceTooLargeException)
        {
            registration.Fail(refusal);
            Logs.RelayRefused(logger, origin.Host, refusal.Message);
            if (!response.Started)
            {
                await WriteRefusalAsync(response, refusal, stopping);
            }

            return false;
        }
        catch (HttpRequestException failure)
        {
            Logs.RelayOriginFailed(logger, origin.Host, failure);
            if (!response.Started)
            {
                await response.WriteTextAsync(502, "Bad Gateway", "The origin could not be read.", keepAlive: false, stopping);
            }

            return false;
        }
        catch (Exception ended) when (ended is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The client went away, the job ended, or the relay is stopping: nothing more to fetch or say.
            return false;
        }
        finally
        {
            await serving.CancelAsync();
            await clientGone;
        }
    }

    private static Task WriteRefusalAsync(HttpResponseWriter response, Exception refusal, CancellationToken cancellationToken) =>
        refusal is SourceTooLargeException
            ? response.WriteTextAsync(413, "Content Too Large", refusal.Message, keepAlive: false, cancellationToken)
            : response.WriteTextAsync(403, "Forbidden", refusal.Message, keepAlive: false, cancellationToken);

    private static async Task WatchClientAsync(HttpConnectionReader reader, CancellationTokenSource serving)
    {
        var stillThere = reader.ClientStillThereAsync();
        await Task.WhenAny(stillThere, Task.Delay(Timeout.Infinite, serving.Token));
        if (stillThere.IsCompleted && !await stillThere)
        {
            await serving.CancelAsync();
        }
    }

    private async Task<bool> ServeHeadAsync(SourceRelayRegistration registration, Uri origin, bool keepAlive, HttpResponseWriter response, CancellationToken cancellationToken)
    {
        using var answer = await FetchAsync(registration, HttpMethod.Head, origin, range: null, cancellationToken);
        var length = answer.Content.Headers.ContentLength;
        if (answer.IsSuccessStatusCode)
        {
            registration.CheckDeclaredSize(length);
        }

        var headers = new List<KeyValuePair<string, string>>();
        AddContentType(headers, answer);
        if (length is { } known)
        {
            headers.Add(new("Content-Length", Invariant(known)));
        }

        if (answer.Headers.AcceptRanges.Contains("bytes"))
        {
            headers.Add(new("Accept-Ranges", "bytes"));
        }

        headers.Add(new("Connection", keepAlive ? "keep-alive" : "close"));
        await response.WriteHeadAsync((int)answer.StatusCode, answer.ReasonPhrase ?? "", headers, cancellationToken);
        return true;
    }

    private async Task<bool> ServeGetAsync(SourceRelayRegistration registration, Uri origin, HttpRequestHead request, HttpResponseWriter response, CancellationToken cancellationToken)
    {
        if (PlaylistKinds.FromPath(origin) is { } kind)
        {
            using var whole = await FetchAsync(registration, HttpMethod.Get, origin, range: null, cancellationToken);
            return await ServePlaylistAsync(registration, kind, whole, request.KeepAlive, response, cancellationToken);
        }

        var requested = ByteRange.Parse(request.Header("Range"));
        var first = requested?.First ?? 0;
        var cached = _cache.For(origin, registration.OriginHeaders);
        if (cached.Total is { } knownTotal && first < knownTotal)
        {
            // The probe's answer already said what the file is: its bytes may be held too.
            return await ServeRangesAsync(registration, origin, cached, requested, null, knownTotal, request.KeepAlive, response, cancellationToken);
        }

        var answer = await FetchAsync(registration, HttpMethod.Get, origin,
            new RangeHeaderValue(first, Math.Min(first + MinChunkBytes - 1, requested?.Last ?? long.MaxValue)), cancellationToken);
        try
        {
            if (PlaylistKinds.FromContentType(answer.Content.Headers.ContentType?.MediaType) is { } servedKind)
            {
                if (answer.StatusCode == HttpStatusCode.PartialContent)
                {
                    answer.Dispose();
                    answer = await FetchAsync(registration, HttpMethod.Get, origin, range: null, cancellationToken);
                }

                return await ServePlaylistAsync(registration, servedKind, answer, request.KeepAlive, response, cancellationToken);
            }

            if (answer.StatusCode == HttpStatusCode.PartialContent && answer.Content.Headers.ContentRange is { From: { } from, Length: { } total } && from == first)
            {
                cached.Describe(total, answer.Content.Headers.ContentType?.ToString());
                return await ServeRangesAsync(registration, origin, cached, requested, answer, total, request.KeepAlive, response, cancellationToken);
            }

            return answer.StatusCode switch
            {
                HttpStatusCode.OK => await ServeWholeAsync(registration, answer, request.KeepAlive, response, cancellationToken),
                HttpStatusCode.PartialContent => throw new HttpRequestException("The origin's range answer did not match the request or had no total size."),
                _ => await ServeStatusAsync(answer, request.KeepAlive, response, cancellationToken),
            };
        }
        finally
        {
            answer.Dispose();
        }
    }

    /// <summary>
    /// Answers a (possibly open-ended) range from the bytes held of the origin and from bounded origin ranges, each
    /// asked only when the client is within a quarter chunk of needing it, and larger the more the client has read.
    /// </summary>
    private async Task<bool> ServeRangesAsync(SourceRelayRegistration registration, Uri origin, CachedOrigin cached, ByteRange? requested,
        HttpResponseMessage? firstAnswer, long total, bool keepAlive, HttpResponseWriter response, CancellationToken cancellationToken)
    {
        registration.CheckDeclaredSize(total);
        var first = requested?.First ?? 0;
        var last = Math.Min(requested?.Last ?? total - 1, total - 1);
        var headers = new List<KeyValuePair<string, string>>();
        if (cached.ContentType is { } contentType)
        {
            headers.Add(new("Content-Type", contentType));
        }

        headers.Add(new("Content-Length", Invariant(last - first + 1)));
        headers.Add(new("Accept-Ranges", "bytes"));
        if (requested is not null)
        {
            headers.Add(new("Content-Range", $"bytes {Invariant(first)}-{Invariant(last)}/{Invariant(total)}"));
        }

        headers.Add(new("Connection", keepAlive ? "keep-alive" : "close"));
        await response.WriteHeadAsync(requested is null ? 200 : 206, requested is null ? "OK" : "Partial Content", headers, cancellationToken);
        if (registration.ReadsWholeSource && response.Body is NetworkStream { Socket: { } socket })
        {
            socket.SendBufferSize = WholeSourceBufferBytes;
        }

        // The origin is read into a bounded pipe while the client drains it, so neither side waits on the other.
        var readAhead = new Pipe(new PipeOptions(pauseWriterThreshold: ReadAheadBytes, resumeWriterThreshold: ReadAheadBytes / 2,
            minimumSegmentSize: CopyBufferBytes, useSynchronizationContext: false));
        var window = new ReadAheadWindow();
        using var fetching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fetcher = FetchRangesAsync(registration, origin, cached, firstAnswer, first, last, readAhead.Writer, window, fetching.Token);
        try
        {
            while (true)
            {
                var read = await readAhead.Reader.ReadAsync(cancellationToken);
                foreach (var segment in read.Buffer)
                {
                    await response.Body.WriteAsync(segment, cancellationToken);
                    window.Advance(segment.Length);
                }

                readAhead.Reader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                {
                    return true;
                }
            }
        }
        finally
        {
            // A client that went (or a seek) stops the fetch: nothing more than the chunk in flight is lost.
            await fetching.CancelAsync();
            await fetcher;
            await readAhead.Reader.CompleteAsync();
        }
    }

    /// <summary>
    /// Writes <c>first..last</c> into <paramref name="writer"/>: what <paramref name="cached"/> holds as it is, the rest
    /// from the origin in ranges of an eighth of what the client has read so far (between <see cref="MinChunkBytes"/> and
    /// <see cref="MaxChunkBytes"/>), each asked once the client is within a quarter of it of the end of what was asked before.
    /// A reader that stops early (a clip's end, a seek) so costs the origin at most about one chunk past what it read.
    /// Completes the writer with the failure, if any, so the serving side throws it.
    /// </summary>
    private async Task FetchRangesAsync(SourceRelayRegistration registration, Uri origin, CachedOrigin cached, HttpResponseMessage? firstAnswer,
        long first, long last, PipeWriter writer, ReadAheadWindow window, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        var answer = firstAnswer;
        // Once asked, a range comes whether or not the client stays: it is read on (into the cache) for a while after the client goes.
        using var draining = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        await using var clientGone = cancellationToken.Register(() => draining.CancelAfter(DrainTimeout));
        try
        {
            var next = first;
            while (true)
            {
                if (answer is not null)
                {
                    var answerLast = Math.Min(answer.Content.Headers.ContentRange!.To!.Value, last);
                    await CopyRangeAsync(registration, answer, cached, next, answerLast, writer, cancellationToken, draining.Token);
                    if (answer != firstAnswer)
                    {
                        answer.Dispose();
                    }

                    answer = null;
                    next = answerLast + 1;
                }

                if (next > last)
                {
                    return;
                }

                var held = cached.Read(next, last);
                if (!held.IsEmpty)
                {
                    await writer.WriteAsync(held, cancellationToken);
                    next += held.Length;
                    continue;
                }

                long chunk;
                if (registration.ReadsWholeSource)
                {
                    chunk = Math.Clamp(next - first, MinChunkBytes, MaxChunkBytes);
                }
                else
                {
                    chunk = Math.Clamp((next - first) / ChunkGrowthDivisor, MinChunkBytes, MaxChunkBytes);
                    await window.WaitUntilServedAsync(next - first - (chunk / 4), cancellationToken);
                }

                var chunkLast = Math.Min(Math.Min(next + chunk - 1, last), cached.NextHeldAfter(next) - 1);
                answer = await FetchAsync(registration, HttpMethod.Get, origin, new RangeHeaderValue(next, chunkLast), draining.Token);
                if (answer.StatusCode != HttpStatusCode.PartialContent || answer.Content.Headers.ContentRange is not { From: { } from, To: not null } || from != next)
                {
                    throw new HttpRequestException($"The origin stopped answering range requests at byte {next}.");
                }
            }
        }
        catch (Exception failed)
        {
            failure = failed;
        }
        finally
        {
            if (answer is not null && answer != firstAnswer)
            {
                answer.Dispose();
            }

            await writer.CompleteAsync(failure);
        }
    }

    /// <summary>
    /// Copies <c>first..last</c> of a range answer into the pipe, keeping what it can in the origin's cache. When the
    /// client goes mid-answer, the rest of the answer (which the origin sends anyway) still goes to the cache if it
    /// fits, for the job's next read; then this throws <see cref="OperationCanceledException"/>.
    /// </summary>
    private async Task CopyRangeAsync(SourceRelayRegistration registration, HttpResponseMessage answer, CachedOrigin cached, long first, long last,
        PipeWriter writer, CancellationToken cancellationToken, CancellationToken draining)
    {
        await using var body = await answer.Content.ReadAsStreamAsync(draining);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            await CopyRangeAsync(registration, body, buffer, cached, first, last, writer, cancellationToken, draining);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CopyRangeAsync(SourceRelayRegistration registration, Stream body, byte[] buffer, CachedOrigin cached, long first, long last,
        PipeWriter writer, CancellationToken cancellationToken, CancellationToken draining)
    {
        var toClient = true;
        var position = first;
        while (position <= last && (toClient || cached.HasRoomFor(last - position + 1)))
        {
            var read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, last - position + 1)), draining);
            if (read == 0)
            {
                throw new HttpRequestException($"The origin's answer ended at byte {position} of {first}-{last}.");
            }

            registration.CountFetched(read);
            cached.Keep(position, buffer.AsSpan(0, read));
            position += read;
            if (toClient)
            {
                try
                {
                    toClient = !(await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken)).IsCompleted;
                }
                catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                {
                    toClient = false;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (!toClient)
        {
            throw new OperationCanceledException("The client stopped reading.");
        }
    }

    /// <summary>An origin that ignores ranges: its one answer, streamed through.</summary>
    private static async Task<bool> ServeWholeAsync(SourceRelayRegistration registration, HttpResponseMessage answer, bool keepAlive,
        HttpResponseWriter response, CancellationToken cancellationToken)
    {
        var length = answer.Content.Headers.ContentLength;
        registration.CheckDeclaredSize(length);
        var headers = new List<KeyValuePair<string, string>>();
        AddContentType(headers, answer);
        keepAlive &= length is not null;
        if (length is { } known)
        {
            headers.Add(new("Content-Length", Invariant(known)));
        }

        headers.Add(new("Connection", keepAlive ? "keep-alive" : "close"));
        await response.WriteHeadAsync(200, "OK", headers, cancellationToken);
        await CopyBodyAsync(registration, answer, response.Body, length, cancellationToken);
        return keepAlive;
    }

    private async Task<bool> ServePlaylistAsync(SourceRelayRegistration registration, PlaylistKind kind, HttpResponseMessage answer, bool keepAlive,
        HttpResponseWriter response, CancellationToken cancellationToken)
    {
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            return await ServeStatusAsync(answer, keepAlive, response, cancellationToken);
        }

        using var text = new MemoryStream();
        await CopyBodyAsync(registration, answer, text, answer.Content.Headers.ContentLength, cancellationToken, MaxPlaylistBytes);
        var playlistUri = answer.RequestMessage!.RequestUri!;
        var original = Encoding.UTF8.GetString(text.GetBuffer(), 0, (int)text.Length);
        var rewritten = kind == PlaylistKind.Hls
            ? HlsPlaylistRewriter.Rewrite(original, playlistUri, registration.RelayUrlFor)
            : DashManifestRewriter.Rewrite(original, playlistUri, registration.RelayUrlFor);
        var body = Encoding.UTF8.GetBytes(rewritten);
        var headers = new List<KeyValuePair<string, string>>();
        AddContentType(headers, answer);
        headers.Add(new("Content-Length", Invariant(body.Length)));
        headers.Add(new("Connection", keepAlive ? "keep-alive" : "close"));
        await response.WriteHeadAsync(200, "OK", headers, cancellationToken);
        await response.Body.WriteAsync(body, cancellationToken);
        return true;
    }

    /// <summary>Any other answer (an error, a 416): its status, without its body.</summary>
    private static async Task<bool> ServeStatusAsync(HttpResponseMessage answer, bool keepAlive, HttpResponseWriter response, CancellationToken cancellationToken)
    {
        var headers = new List<KeyValuePair<string, string>> { new("Content-Length", "0") };
        if (answer.Content.Headers.ContentRange is { } contentRange)
        {
            headers.Add(new("Content-Range", contentRange.ToString()));
        }

        headers.Add(new("Connection", keepAlive ? "keep-alive" : "close"));
        await response.WriteHeadAsync((int)answer.StatusCode, answer.ReasonPhrase ?? "", headers, cancellationToken);
        return true;
    }

    private async Task<HttpResponseMessage> FetchAsync(SourceRelayRegistration registration, HttpMethod method, Uri origin, RangeHeaderValue? range,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, origin);
        foreach (var (name, value) in registration.OriginHeaders)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!request.Headers.Contains("User-Agent"))
        {
            request.Headers.TryAddWithoutValidation("User-Agent", DefaultUserAgent);
        }

        request.Headers.Range = range;
        registration.CountRequest();
        return await client.SendAsync(request, cancellationToken);
    }

    /// <summary>Copies a body (exactly <paramref name="expected"/> bytes when given), counting every byte read from the origin.</summary>
    private static async Task CopyBodyAsync(SourceRelayRegistration registration, HttpResponseMessage answer, Stream destination, long? expected,
        CancellationToken cancellationToken, long limit = long.MaxValue)
    {
        if (expected > limit)
        {
            throw new HttpRequestException($"The origin's answer is larger than the {limit} bytes the relay takes for it.");
        }

        await using var body = await answer.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferBytes);
        try
        {
            await CopyBodyAsync(registration, body, buffer, destination, expected, limit, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task CopyBodyAsync(SourceRelayRegistration registration, Stream body, byte[] buffer, Stream destination, long? expected,
        long limit, CancellationToken cancellationToken)
    {
        var copied = 0L;
        while (expected is null || copied < expected)
        {
            var wanted = expected is { } total ? (int)Math.Min(buffer.Length, total - copied) : buffer.Length;
            var read = await body.ReadAsync(buffer.AsMemory(0, wanted), cancellationToken);
            if (read == 0)
            {
                if (expected is null)
                {
                    return;
                }

                throw new HttpRequestException($"The origin's answer ended after {copied} of {expected} bytes.");
            }

            registration.CountFetched(read);
            copied += read;
            if (copied > limit)
            {
                throw new HttpRequestException($"The origin's answer is larger than the {limit} bytes the relay takes for it.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static void AddContentType(List<KeyValuePair<string, string>> headers, HttpResponseMessage answer)
    {
        if (answer.Content.Headers.ContentType is { } contentType)
        {
            headers.Add(new("Content-Type", contentType.ToString()));
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads <c>/{token}/{scheme}/{authority}{path and query}</c>.</summary>
    private static bool TryParseTarget(string target, out string token, out Uri origin)
    {
        token = "";
        origin = null!;
        var parts = target.Split('/', 4);
        if (parts.Length < 4 || parts[0].Length != 0 || (parts[2] != Uri.UriSchemeHttp && parts[2] != Uri.UriSchemeHttps))
        {
            // A bare authority ("/token/https/host") has no path yet: ffmpeg always asks for one.
            return false;
        }

        var authorityEnd = parts[3].IndexOfAny(['/', '?']);
        var authority = authorityEnd < 0 ? parts[3] : parts[3][..authorityEnd];
        var pathAndQuery = authorityEnd < 0 ? "/" : parts[3][authorityEnd..];
        if (pathAndQuery.StartsWith('?'))
        {
            pathAndQuery = "/" + pathAndQuery;
        }

        token = parts[1];
        return authority.Length > 0
            && Uri.TryCreate($"{parts[2]}://{authority}{pathAndQuery}", new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }, out origin!);
    }
}
