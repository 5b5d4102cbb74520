using MediaFunctions.Core.Sources;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>
/// A response body read as a document: its first bytes are read ahead for sniffing and then replayed,
/// and reading past the byte limit throws <see cref="SourceTooLargeException"/> instead of going on.
/// </summary>
internal sealed class DocumentBody : Stream
{
    /// <summary>How many bytes are read ahead for <see cref="Prefix"/>.</summary>
    public const int PrefixLength = 4096;

    private readonly Stream _inner;
    private readonly long _limit;
    private readonly byte[] _prefix;
    private readonly int _prefixLength;
    private int _replayed;
    private long _read;

    private DocumentBody(Stream inner, long limit, byte[] prefix, int prefixLength)
    {
        _inner = inner;
        _limit = limit;
        _prefix = prefix;
        _prefixLength = prefixLength;
        _read = prefixLength;
    }

    /// <summary>The first bytes of the body (fewer when the body is shorter).</summary>
    public ReadOnlySpan<byte> Prefix => _prefix.AsSpan(0, _prefixLength);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Reads the prefix of <paramref name="inner"/>, which the returned stream owns.</summary>
    public static async Task<DocumentBody> OpenAsync(Stream inner, long limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, PrefixLength);
        var prefix = new byte[PrefixLength];
        var length = await inner.ReadAtLeastAsync(prefix, PrefixLength, throwOnEndOfStream: false, cancellationToken);
        return new DocumentBody(inner, limit, prefix, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (Replay(buffer) is var replayed and > 0)
        {
            return replayed;
        }

        return Count(_inner.Read(buffer));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (Replay(buffer.Span) is var replayed and > 0)
        {
            return replayed;
        }

        return Count(await _inner.ReadAsync(buffer, cancellationToken));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Replay(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefixLength - _replayed);
        _prefix.AsSpan(_replayed, count).CopyTo(buffer);
        _replayed += count;
        return count;
    }

    private int Count(int read)
    {
        _read += read;
        return _read > _limit ? throw new SourceTooLargeException(_limit, null) : read;
    }
}
