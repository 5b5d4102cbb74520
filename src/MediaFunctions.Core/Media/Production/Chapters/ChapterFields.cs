using System.Globalization;
using System.Text.RegularExpressions;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Production.Chapters;

/// <summary>The checks one chapter's fields get, whether they come from a chapters file or from JSON.</summary>
internal static partial class ChapterFields
{
    /// <exception cref="ChaptersFormatException">Not a clock time, or minutes or seconds of 60 or more.</exception>
    public static TimeSpan Start(string? text, int? line)
    {
        // NOTE: MediaTime alone would also take bare seconds ("90"), which in a chapters file is more likely
        // a title starting with a number than a time; the pattern insists on the clock form first.
        var trimmed = text?.Trim() ?? "";
        if (!ClockTime().IsMatch(trimmed) || !MediaTime.TryParse(trimmed, out var time))
        {
            throw ChaptersFormatException.BadTime(line, trimmed);
        }

        return time.ToTimeSpan();
    }

    /// <exception cref="ChaptersFormatException">The title is missing or only white space.</exception>
    public static string Title(string? text, int? line) =>
        string.IsNullOrWhiteSpace(text) ? throw ChaptersFormatException.EmptyTitle(line) : text.Trim();

    /// <summary>An absolute http(s) URL, or null when the field is absent or empty.</summary>
    /// <exception cref="ChaptersFormatException">Something other than an absolute http(s) URL.</exception>
    public static Uri? Link(string? text, string field, int? line)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw ChaptersFormatException.BadLink(line, field, trimmed);
    }

    /// <summary>A chapter time as the chapters file writes it, <c>HH:MM:SS.mmm</c>, for messages.</summary>
    public static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}.{time.Milliseconds:000}");

    /// <summary><c>HH:MM:SS</c>, <c>H:MM:SS</c> or <c>MM:SS</c>, each with optional milliseconds (1 to 3 digits).</summary>
    [GeneratedRegex(@"^([0-9]{1,3}:)?[0-9]{1,2}:[0-9]{2}(\.[0-9]{1,3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ClockTime();
}
