using System.Net.Http.Headers;

namespace MediaFunctions.Core.Sources.Relay;

/// <summary>
/// A single <c>Range: bytes=first-[last]</c> request. Other forms (a suffix range, several ranges, a malformed or
/// backwards range) are served as whole-file requests, as HTTP allows; a range past the end goes to the origin,
/// whose 416 the relay passes on.
/// </summary>
internal readonly record struct ByteRange(long First, long? Last)
{
    public static ByteRange? Parse(string? header) =>
        RangeHeaderValue.TryParse(header, out var range)
        && string.Equals(range.Unit, "bytes", StringComparison.OrdinalIgnoreCase)
        && range.Ranges.Count == 1
        && range.Ranges.Single() is { From: { } first, To: var last }
            ? new ByteRange(first, last)
            : null;
}
