namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// What was said in a production, with times: the words, where the keywords were heard, and the fillers kept apart from
/// the text so the filler cutter can cut them. Plain data, so it round-trips through System.Text.Json between activities.
/// </summary>
/// <param name="Language">The language recognised ("en-us", "de"…).</param>
/// <param name="Engine">The recogniser that made it ("pocketsphinx", "whisper").</param>
/// <param name="Words">The words in time order.</param>
/// <param name="Keywords">The requested keywords where they were heard, in time order.</param>
/// <param name="Fillers">Hesitations ("um", "uh") in time order; not part of <see cref="Words"/>.</param>
/// <param name="Coughs">Short sounds with no speech in them (coughs, throat clearing) in time order, for the cough cutter.</param>
/// <param name="UnspottableKeywords">Requested keywords this engine cannot hear (words its dictionary lacks), reported to the user.</param>
public sealed record Transcript(
    string Language,
    string Engine,
    IReadOnlyList<TranscriptWord> Words,
    IReadOnlyList<KeywordHit> Keywords,
    IReadOnlyList<SpeechSpan> Fillers,
    IReadOnlyList<SpeechSpan> Coughs,
    IReadOnlyList<string> UnspottableKeywords)
{
    /// <summary>The words joined by spaces (written to JSON, ignored when read back).</summary>
    public string Text => string.Join(' ', Words.Select(word => word.Text));

    /// <summary>
    /// The transcript on another time line: every time goes through <paramref name="map"/> (e.g. the silence cuts and the
    /// intro offset); an item whose start or end maps to null was cut away and is dropped.
    /// </summary>
    public Transcript MapTimes(Func<TimeSpan, TimeSpan?> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return this with
        {
            Words = [.. Words.Select(word => Map(map, word.Start, word.End) is var (start, end) ? word with { Start = start, End = end } : null).OfType<TranscriptWord>()],
            Keywords = [.. Keywords.Select(hit => Map(map, hit.Start, hit.End) is var (start, end) ? hit with { Start = start, End = end } : null).OfType<KeywordHit>()],
            Fillers = MapSpans(map, Fillers),
            Coughs = MapSpans(map, Coughs),
        };
    }

    private static List<SpeechSpan> MapSpans(Func<TimeSpan, TimeSpan?> map, IReadOnlyList<SpeechSpan> spans) =>
        [.. spans.Select(span => Map(map, span.Start, span.End) is var (start, end) ? span with { Start = start, End = end } : null).OfType<SpeechSpan>()];

    private static (TimeSpan Start, TimeSpan End)? Map(Func<TimeSpan, TimeSpan?> map, TimeSpan start, TimeSpan end) =>
        map(start) is { } mappedStart && map(end) is { } mappedEnd ? (mappedStart, mappedEnd) : null;
}
