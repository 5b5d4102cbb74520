namespace MediaFunctions.Core.Ffmpeg;

/// <summary>Keeps the last lines a tool wrote to stderr, to explain a failure.</summary>
internal sealed class StandardErrorTail(int capacity = FfmpegException.StandardErrorTailLines)
{
    private readonly Queue<string> _lines = new(capacity);

    public void Add(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_lines)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line.TrimEnd());
        }
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }
}
