using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// A non-negative position or length on a media timeline, to the microsecond. Parsed from what users
/// and podcast feeds (<c>itunes:duration</c>) write — seconds (<c>90</c>, <c>90.5</c>), <c>MM:SS</c> or
/// <c>HH:MM:SS(.fff)</c> — and written to ffmpeg as plain seconds, which ffmpeg reads the same in every locale.
/// </summary>
public readonly record struct MediaTime : IComparable<MediaTime>
{
    /// <summary>The longest time accepted (100 hours): longer is a typo, not a recording.</summary>
    public static readonly TimeSpan MaxValue = TimeSpan.FromHours(100);

    public static readonly MediaTime Zero;

    private MediaTime(long microseconds) => Microseconds = microseconds;

    public long Microseconds { get; }

    public double TotalSeconds => Microseconds / 1_000_000d;

    public TimeSpan ToTimeSpan() => TimeSpan.FromMicroseconds(Microseconds);

    /// <exception cref="ArgumentOutOfRangeException">Negative, not a number, or beyond <see cref="MaxValue"/>.</exception>
    public static MediaTime FromSeconds(double seconds)
    {
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > MaxValue.TotalSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"A media time is between 0 and {MaxValue.TotalHours:0} hours.");
        }

        return new MediaTime((long)Math.Round(seconds * 1_000_000d));
    }

    public static MediaTime FromTimeSpan(TimeSpan value) => FromSeconds(value.TotalSeconds);

    /// <summary>
    /// Parses seconds, <c>MM:SS(.fff)</c> or <c>HH:MM:SS(.fff)</c>, surrounding spaces allowed; minutes and seconds after a
    /// colon are below 60, the first part may be larger (<c>62:03</c>); the whole is at most <see cref="MaxValue"/>.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out MediaTime time)
    {
        time = Zero;
        var parts = text?.Trim().Split(':');
        if (parts is null || parts.Length > 3 || parts.Any(part => part.Length == 0))
        {
            return false;
        }

        double total = 0;
        for (var i = 0; i < parts.Length; i++)
        {
            var isLast = i == parts.Length - 1;
            var styles = isLast ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (!double.TryParse(parts[i], styles, CultureInfo.InvariantCulture, out var value)
                || (i > 0 && value >= 60))
            {
                return false;
            }

            total = total * 60 + value;
        }

        if (total > MaxValue.TotalSeconds)
        {
            return false;
        }

        time = FromSeconds(total);
        return true;
    }

    /// <exception cref="FormatException">The text is not a time in one of the accepted forms.</exception>
    public static MediaTime Parse(string text) =>
        TryParse(text, out var time)
            ? time
            : throw new FormatException($"'{text}' is not a time: give seconds (90 or 90.5), MM:SS or HH:MM:SS.");

    /// <summary>The value as ffmpeg takes it: seconds with up to six decimals, e.g. <c>90.25</c>.</summary>
    public string ToArgument()
    {
        var whole = Microseconds / 1_000_000;
        var fraction = Microseconds % 1_000_000;
        return fraction == 0
            ? whole.ToString(CultureInfo.InvariantCulture)
            : $"{whole.ToString(CultureInfo.InvariantCulture)}.{fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0')}";
    }

    public override string ToString() => ToArgument();

    public int CompareTo(MediaTime other) => Microseconds.CompareTo(other.Microseconds);

    public static bool operator <(MediaTime left, MediaTime right) => left.CompareTo(right) < 0;

    public static bool operator >(MediaTime left, MediaTime right) => left.CompareTo(right) > 0;

    public static bool operator <=(MediaTime left, MediaTime right) => left.CompareTo(right) <= 0;

    public static bool operator >=(MediaTime left, MediaTime right) => left.CompareTo(right) >= 0;
}
