using System.Globalization;

namespace MediaFunctions.Core.Batches.Sources;

/// <summary>Reads <c>itunes:duration</c>, which feeds write as <c>HH:MM:SS</c>, <c>MM:SS</c> or seconds (fractions allowed).</summary>
internal static class ItunesDuration
{
    /// <summary>The duration, or null when the text is none of the accepted forms.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Trim().Split(':');
        if (parts.Length > 3)
        {
            return null;
        }

        double seconds = 0;
        for (var index = 0; index < parts.Length; index++)
        {
            var isLast = index == parts.Length - 1;
            var styles = isLast ? NumberStyles.AllowDecimalPoint : NumberStyles.None;
            if (!double.TryParse(parts[index], styles, CultureInfo.InvariantCulture, out var value)
                // Minutes and seconds after the first part stay under 60; the first part may be anything.
                || (index > 0 && value >= 60))
            {
                return null;
            }

            seconds = (seconds * 60) + value;
        }

        return seconds > TimeSpan.MaxValue.TotalSeconds ? null : TimeSpan.FromSeconds(seconds);
    }
}
