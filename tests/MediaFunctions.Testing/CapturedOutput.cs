using System.Text;

namespace MediaFunctions.Testing;

/// <summary>The interleaved stdout and stderr of a child process, kept for failure messages.</summary>
public sealed class CapturedOutput
{
    private const int MaxChars = 200_000;
    private readonly StringBuilder text = new();

    /// <summary>Appends a line; the oldest text is dropped beyond <see cref="MaxChars"/>.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
            if (text.Length > MaxChars)
            {
                text.Remove(0, text.Length - MaxChars);
            }
        }
    }

    /// <summary>Everything captured so far.</summary>
    public override string ToString()
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
