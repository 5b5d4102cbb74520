using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// One timed line of <c>pocketsphinx_continuous -time yes</c>: <c>token start end confidence</c> in seconds, where the
/// token is a word, an alternate (<c>word(2)</c>), a marker (<c>&lt;s&gt;</c>, <c>&lt;sil&gt;</c>) or a noise
/// (<c>[NOISE]</c>); in keyword spotting the token is the spotted phrase, spaces included.
/// </summary>
internal sealed record PocketsphinxLine(string Token, TimeSpan Start, TimeSpan End, double Confidence)
{
    /// <summary>Whether the token is a word of the text rather than a marker or noise.</summary>
    public bool IsWord => Token.Length > 0 && Token[0] is not ('<' or '[' or '+');

    /// <summary>Reads a timed line; the untimed hypothesis line that opens each utterance is not one.</summary>
    public static PocketsphinxLine? TryParse(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4
            || !double.TryParse(parts[^3], NumberStyles.Float, CultureInfo.InvariantCulture, out var start)
            || !double.TryParse(parts[^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var end)
            || !double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence))
        {
            return null;
        }

        return new PocketsphinxLine(string.Join(' ', parts[..^3]), TimeSpan.FromSeconds(start), TimeSpan.FromSeconds(end), Math.Clamp(confidence, 0, 1));
    }
}
