using System.Globalization;
using System.Text;

namespace MediaFunctions.Core.Media.Production.Tagging;

/// <summary>
/// Writes ffmpeg's metadata file format (<c>;FFMETADATA1</c>): global <c>key=value</c> lines, then one
/// <c>[CHAPTER]</c> section per chapter with its start and end in milliseconds.
/// </summary>
internal sealed class FfmetadataFile
{
    private readonly StringBuilder _text = new(";FFMETADATA1\n");

    public void Add(string key, string value) => _text.Append(Escape(key)).Append('=').Append(Escape(value)).Append('\n');

    /// <summary>Starts a chapter section; the <see cref="Add"/> calls after it set the chapter's own tags.</summary>
    public void AddChapter(TimeSpan start, TimeSpan end) =>
        _text.Append(CultureInfo.InvariantCulture,
            $"[CHAPTER]\nTIMEBASE=1/1000\nSTART={(long)start.TotalMilliseconds}\nEND={(long)end.TotalMilliseconds}\n");

    public override string ToString() => _text.ToString();

    /// <summary>
    /// Backslash before the characters the format gives a meaning (<c>=</c>, <c>;</c>, <c>#</c>, <c>\</c>, newline);
    /// line breaks of every kind become one newline, so a summary typed on Windows reads back the same.
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var character in text.ReplaceLineEndings("\n"))
        {
            if (character is '=' or ';' or '#' or '\\' or '\n')
            {
                escaped.Append('\\');
            }

            escaped.Append(character);
        }

        return escaped.ToString();
    }
}
