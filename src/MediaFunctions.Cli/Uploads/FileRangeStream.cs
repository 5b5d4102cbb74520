namespace MediaFunctions.Cli.Uploads;

/// <summary>
/// A read-only window of a file (the whole file for a form upload, one block for an upload session), read from
/// disk as it is sent and never held in memory, reporting the bytes read so far. It is seekable and knows its
/// length, so the request has a Content-Length and a server can refuse an oversized body before it is sent.
/// </summary>
public sealed class FileRangeStream : Stream
{
    private readonly FileStream file;
    private readonly long offset;
    private readonly long length;
    private readonly Action<long> onRead;
    private long position;

    /// <param name="path">The file.</param>
    /// <param name="offset">Where the window starts.</param>
    /// <param name="length">How many bytes it holds.</param>
    /// <param name="onRead">Told the bytes read from the window's start after each read (a retry starts again from 0).</param>
    public FileRangeStream(string path, long offset, long length, Action<long> onRead)
    {
        file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true);
        this.offset = offset;
        this.length = length;
        this.onRead = onRead;
        file.Position = offset;
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = file.Read(buffer[..(int)Math.Min(buffer.Length, length - position)]);
        Advance(read);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await file.ReadAsync(buffer[..(int)Math.Min(buffer.Length, length - position)], cancellationToken);
        Advance(read);
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(target, length, nameof(offset));
        position = target;
        file.Position = this.offset + target;
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            file.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Advance(int read)
    {
        position += read;
        onRead(position);
    }
}
