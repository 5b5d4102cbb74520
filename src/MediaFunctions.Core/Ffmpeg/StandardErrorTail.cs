using System.Text.RegularExpressions;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Keeps the last lines a tool wrote to stderr, to explain a failure. URLs lose their query strings:
/// the tail reaches a job's error, and an input's query is its SAS signature.
/// </summary>
internal sealed partial class StandardErrorTail(int capacity = FfmpegException.StandardErrorTailLines)
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

            _lines.Enqueue(UrlQuery().Replace(line.TrimEnd(), "$1"));
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

    [GeneratedRegex(@"(\bhttps?://[^\s?#]+)\?[^\s:]*")]
    private static partial Regex UrlQuery();
}
