using System.Security.Cryptography;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// One job's use of the <see cref="SourceRelay"/>: the loopback URL ffmpeg reads instead of the
/// origin, what was fetched for it, and the first reason a fetch was refused. Disposing it ends the
/// registration: its URLs answer 404 and fetches in flight stop.
/// </summary>
public sealed class SourceRelayRegistration : IDisposable
{
    private readonly SourceRelay _relay;
#pragma warning disable CA2213 // Cancelled on Dispose; see there.
    private readonly CancellationTokenSource _ending = new();
#pragma warning restore CA2213
    private readonly string _root;
    private long _bytesFetched;
    private long _originRequests;
    private long _declaredSize = -1;
    private Exception? _failure;

    internal SourceRelayRegistration(SourceRelay relay, int port, Uri origin, long? maxBytes, IReadOnlyDictionary<string, string> originHeaders,
        bool readsWholeSource)
    {
        ReadsWholeSource = readsWholeSource;
        _relay = relay;
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _root = $"http://127.0.0.1:{port}/{Token}";
        Origin = origin;
        MaxBytes = maxBytes;
        OriginHeaders = originHeaders;
        Url = new Uri(RelayUrlFor(origin));
    }

    /// <summary>The URL the job was given.</summary>
    public Uri Origin { get; }

    /// <summary>The loopback URL to hand to ffmpeg in place of <see cref="Origin"/>.</summary>
    public Uri Url { get; }

    /// <summary>True when ffmpeg reads the source to its end: the relay reads ahead eagerly instead of sparing the origin what a clip leaves.</summary>
    public bool ReadsWholeSource { get; }

    /// <summary>What to put before <see cref="Url"/>'s <c>-i</c>: the relay's input arguments, with larger socket buffers for a whole-source read.</summary>
    public IReadOnlyList<string> FfmpegInputArguments => ReadsWholeSource ? SourceRelay.WholeSourceFfmpegInputArguments : SourceRelay.FfmpegInputArguments;

    /// <summary>The cap on bytes fetched from origins (and on the size an origin declares), or null for none.</summary>
    public long? MaxBytes { get; }

    /// <summary>Bytes read from origins for this registration so far (bodies only, every URL it served).</summary>
    public long BytesFetched => Interlocked.Read(ref _bytesFetched);

    /// <summary>The largest size an origin declared for what this registration served (the source file's, for one file), or null.</summary>
    public long? DeclaredSize => Interlocked.Read(ref _declaredSize) is >= 0 and var size ? size : null;

    /// <summary>Requests sent to origins for this registration so far (redirect hops not counted).</summary>
    public long OriginRequests => Interlocked.Read(ref _originRequests);

    /// <summary>
    /// The first refusal seen while serving (an <see cref="Jobs.InvalidJobInputException"/> with
    /// <c>url_not_allowed</c>, or a <see cref="SourceTooLargeException"/>), or null. ffmpeg only sees an
    /// HTTP error; this says why.
    /// </summary>
    public Exception? Failure => Volatile.Read(ref _failure);

    internal string Token { get; }

    internal IReadOnlyDictionary<string, string> OriginHeaders { get; }

    internal CancellationToken Ending => _ending.Token;

    /// <summary>Throws <see cref="Failure"/> when there is one: call it when ffmpeg fails, to report the cause instead of ffmpeg's message.</summary>
    public void ThrowIfFailed()
    {
        if (Failure is { } failure)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// Runs an ffmpeg or ffprobe read of <see cref="Url"/>. When the relay failed (an address refused, the size
    /// cap), that failure is what surfaces, whether the tool failed on it (it only saw an HTTP error) or carried
    /// on and exited 0 (HLS skips segments it cannot fetch).
    /// </summary>
    public Task<T> ReadAsync<T>(Func<Task<T>> read) => ReadAsync([this], read);

    /// <summary>
    /// <see cref="ReadAsync{T}(Func{Task{T}})"/> for a read of several registrations at once (a video site's video
    /// and audio, merged by one ffmpeg): the first registration's failure is what surfaces.
    /// </summary>
    public static async Task<T> ReadAsync<T>(IReadOnlyList<SourceRelayRegistration> registrations, Func<Task<T>> read)
    {
        T result;
        try
        {
            result = await read();
        }
        catch (Exception error) when (error is not OperationCanceledException && registrations.Any(registration => registration.Failure is not null))
        {
            ThrowIfAnyFailed(registrations);
            throw;
        }

        ThrowIfAnyFailed(registrations);
        return result;
    }

    private static void ThrowIfAnyFailed(IReadOnlyList<SourceRelayRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            registration.ThrowIfFailed();
        }
    }

    /// <summary>The relay URL for another origin URL (a segment, a rendition) read under this registration.</summary>
    public Uri Map(Uri origin) => new(RelayUrlFor(origin));

    public void Dispose()
    {
        _relay.Remove(this);
        // NOTE: cancelled, never disposed: a request that looked the registration up a moment ago may still link to its token.
        _ending.Cancel();
    }

    internal string RelayUrlFor(Uri origin)
    {
        if (!origin.IsAbsoluteUri || (origin.Scheme != Uri.UriSchemeHttp && origin.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("Only absolute http and https URLs can be relayed.", nameof(origin));
        }

        // The origin's path stays at the end, unchanged, so relative references resolve back through the relay.
        return $"{_root}/{origin.Scheme}/{origin.Authority}{origin.GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped)}";
    }

    internal void CountRequest() => Interlocked.Increment(ref _originRequests);

    /// <exception cref="SourceTooLargeException">The total went past <see cref="MaxBytes"/>.</exception>
    internal void CountFetched(int bytes)
    {
        var total = Interlocked.Add(ref _bytesFetched, bytes);
        if (total > MaxBytes)
        {
            throw Fail(new SourceTooLargeException(MaxBytes.Value, null));
        }
    }

    /// <exception cref="SourceTooLargeException">The origin declared a size past <see cref="MaxBytes"/>.</exception>
    internal void CheckDeclaredSize(long? size)
    {
        if (size is { } declared)
        {
            long known;
            while (declared > (known = Interlocked.Read(ref _declaredSize)) && Interlocked.CompareExchange(ref _declaredSize, declared, known) != known)
            {
            }
        }

        if (size > MaxBytes)
        {
            throw Fail(new SourceTooLargeException(MaxBytes.Value, size));
        }
    }

    internal Exception Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        return failure;
    }
}
