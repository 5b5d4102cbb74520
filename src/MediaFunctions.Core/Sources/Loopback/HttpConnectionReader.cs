namespace MediaFunctions.Core.Sources.Loopback;

/// <summary>
/// Reads request heads from one client connection, keeping whatever arrives after a head for the
/// next one (or for a tunnel). It can also notice, while a response is being sent, that the client
/// has closed the connection: the relay then stops fetching at once.
/// </summary>
internal sealed class HttpConnectionReader(Stream stream)
{
    private const int MaxHeadBytes = 32 * 1024;

    private readonly byte[] _buffer = new byte[MaxHeadBytes];
    private int _start;
    private int _end;
    private Task<int>? _pendingRead;
    private bool _closed;

    /// <summary>The next request head, or null when the client closed the connection between requests.</summary>
    /// <exception cref="InvalidDataException">The head is malformed or larger than 32 KiB.</exception>
    public async Task<HttpRequestHead?> ReadRequestAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_pendingRead is { IsCompleted: true })
            {
                _pendingRead = null;
            }

            var index = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (index >= 0)
            {
                var head = HttpRequestHead.Parse(_buffer.AsSpan(_start, index));
                _start += index + 4;
                return head;
            }

            if (_closed)
            {
                return _start == _end ? null : throw new InvalidDataException("The connection closed in the middle of a request head.");
            }

            if (_end - _start == _buffer.Length)
            {
                throw new InvalidDataException($"The request head is larger than {MaxHeadBytes} bytes.");
            }

            await ReadMoreAsync().WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Completes with false once the client closes the connection (or it breaks), with true when the
    /// client sends more (kept for <see cref="ReadRequestAsync"/>). Never cancelled: the read it starts
    /// stays pending and becomes the next request's first read, so the stream is never left mid-read.
    /// </summary>
    public async Task<bool> ClientStillThereAsync()
    {
        await ReadMoreAsync();
        return !_closed;
    }

    /// <summary>Bytes received after the last head and not yet consumed; the reader forgets them.</summary>
    public ReadOnlyMemory<byte> TakeBuffered()
    {
        var buffered = _buffer.AsMemory(_start, _end - _start).ToArray();
        _start = _end = 0;
        return buffered;
    }

    private Task<int> ReadMoreAsync() => _pendingRead ??= ReadCoreAsync();

    private async Task<int> ReadCoreAsync()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            return 1;
        }

        try
        {
            var read = await stream.ReadAsync(_buffer.AsMemory(_end));
            _end += read;
            _closed = read == 0;
            return read;
        }
        catch (Exception failure) when (failure is IOException or ObjectDisposedException or OperationCanceledException)
        {
            _closed = true;
            return 0;
        }
    }
}
