namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// The bytes the relay has read from one origin (one URL with one set of headers), up to a fixed capacity, with the
/// size and content type its first range answer declared. A job probes its source and then renders it in two ffmpeg
/// runs: the render's reads of the index and the first seconds come from here instead of the origin.
/// </summary>
internal sealed class CachedOrigin(long capacity)
{
    private readonly Lock _lock = new();

    // Disjoint pieces, sorted by where they start in the file.
    private readonly List<(long Start, byte[] Bytes)> _pieces = [];
    private long _stored;
    private long _lastUsed = Environment.TickCount64;

    /// <summary>The file's size, once an origin range answer declared it.</summary>
    public long? Total { get; private set; }

    /// <summary>The content type of that answer.</summary>
    public string? ContentType { get; private set; }

    /// <summary>When a request last used this origin (<see cref="Environment.TickCount64"/>).</summary>
    public long LastUsed => Interlocked.Read(ref _lastUsed);

    /// <summary>Bytes held.</summary>
    public long Stored
    {
        get
        {
            lock (_lock)
            {
                return _stored;
            }
        }
    }

    /// <summary>True when <paramref name="bytes"/> more would still fit.</summary>
    public bool HasRoomFor(long bytes)
    {
        lock (_lock)
        {
            return _stored + bytes <= capacity;
        }
    }

    public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);

    /// <summary>Records what a range answer said of the whole file.</summary>
    public void Describe(long total, string? contentType)
    {
        lock (_lock)
        {
            if (Total != total)
            {
                // Another size is another file: what was kept of the old one is no use.
                _pieces.Clear();
                _stored = 0;
            }

            Total = total;
            ContentType = contentType;
        }
    }

    /// <summary>The bytes held from <paramref name="position"/> on (up to <paramref name="last"/>), empty when that byte is not held.</summary>
    public ReadOnlyMemory<byte> Read(long position, long last)
    {
        lock (_lock)
        {
            foreach (var (start, bytes) in _pieces)
            {
                if (start <= position && position < start + bytes.Length)
                {
                    var offset = (int)(position - start);
                    return bytes.AsMemory(offset, (int)Math.Min(bytes.Length - offset, last - position + 1));
                }
            }

            return ReadOnlyMemory<byte>.Empty;
        }
    }

    /// <summary>Where the first held piece after <paramref name="position"/> starts, or <see cref="long.MaxValue"/>: an origin range stops before it.</summary>
    public long NextHeldAfter(long position)
    {
        lock (_lock)
        {
            foreach (var (start, _) in _pieces)
            {
                if (start > position)
                {
                    return start;
                }
            }

            return long.MaxValue;
        }
    }

    /// <summary>Keeps bytes read from the origin at <paramref name="position"/>, unless they would pass the capacity or overlap what is held.</summary>
    public void Keep(long position, ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_stored + bytes.Length > capacity)
            {
                return;
            }

            var index = 0;
            while (index < _pieces.Count && _pieces[index].Start < position)
            {
                index++;
            }

            var overlapsBefore = index > 0 && _pieces[index - 1].Start + _pieces[index - 1].Bytes.Length > position;
            var overlapsAfter = index < _pieces.Count && _pieces[index].Start < position + bytes.Length;
            if (overlapsBefore || overlapsAfter)
            {
                return;
            }

            _pieces.Insert(index, (position, bytes.ToArray()));
            _stored += bytes.Length;
        }
    }
}
