using System.Globalization;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>A single <c>Range: bytes=first-[last]</c> request; other forms are served as whole-file requests, as HTTP allows.</summary>
internal readonly record struct ByteRange(long First, long? Last)
{
    public static ByteRange? Parse(string? header)
    {
        if (header is null || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header["bytes=".Length..].Trim();
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || !long.TryParse(spec[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var first))
        {
            return null;
        }

        if (dash == spec.Length - 1)
        {
            return new ByteRange(first, null);
        }

        return long.TryParse(spec[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var last) && last >= first
            ? new ByteRange(first, last)
            : null;
    }
}
