namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>Finds keywords among recognised words and merges them with the hits a keyword spotter heard.</summary>
internal static class KeywordMatcher
{
    /// <summary>Hits of one keyword closer than this are one occurrence heard twice (by the decoder and the spotter).</summary>
    private static readonly TimeSpan SameOccurrence = TimeSpan.FromSeconds(0.5);

    /// <summary>A keyword as recognisers write it: lower-case words, without punctuation.</summary>
    public static string[] Words(string keyword) =>
        [.. keyword.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Normalize).Where(word => word.Length > 0)];

    /// <summary>A word lower-cased, without the punctuation around it ("Australia," → "australia").</summary>
    public static string Normalize(string word) => word.Trim().Trim('.', ',', '!', '?', ';', ':', '"', '(', ')', '-').ToLowerInvariant();

    /// <summary>Every run of consecutive <paramref name="words"/> that spells a keyword.</summary>
    public static IEnumerable<KeywordHit> FindIn(IReadOnlyList<TranscriptWord> words, IEnumerable<string> keywords)
    {
        var normalized = words.Select(word => Normalize(word.Text)).ToArray();
        foreach (var keyword in keywords)
        {
            var parts = Words(keyword);
            for (var i = 0; parts.Length > 0 && i + parts.Length <= normalized.Length; i++)
            {
                if (parts.Select((part, j) => SameWord(part, normalized[i + j])).All(match => match))
                {
                    yield return new KeywordHit(keyword, words[i].Start, words[i + parts.Length - 1].End);
                }
            }
        }
    }

    /// <summary>Whether a heard word is the keyword's word or its plural or possessive ("biologists", "australia's").</summary>
    private static bool SameWord(string keywordWord, string heard) =>
        heard == keywordWord || heard == keywordWord + "s" || heard == keywordWord + "'s" || heard == keywordWord + "es";

    /// <summary>The hits in time order, each occurrence once (the earliest report of overlapping ones kept).</summary>
    public static IReadOnlyList<KeywordHit> Merge(IEnumerable<KeywordHit> hits)
    {
        var merged = new List<KeywordHit>();
        foreach (var hit in hits.OrderBy(hit => hit.Start).ThenBy(hit => hit.Keyword, StringComparer.Ordinal))
        {
            if (!merged.Any(kept => kept.Keyword == hit.Keyword && (hit.Start - kept.Start).Duration() < SameOccurrence))
            {
                merged.Add(hit);
            }
        }

        return merged;
    }
}
