namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// An outline of a transcript, made offline and deterministically: the talk is cut into pause-bounded passages, a
/// topic boundary goes where the content words of the passages before and after a gap share least (TextTiling's depth
/// score over cosine similarity), and each section's key phrases are its most frequent content words and word pairs,
/// weighted by how particular they are to that section.
/// </summary>
public static class Shownotes
{
    /// <summary>A silence this long ends a passage.</summary>
    public static readonly TimeSpan PassagePause = TimeSpan.FromSeconds(0.5);

    /// <summary>How many passages each side of a gap are compared.</summary>
    private const int Window = 2;

    /// <summary>The fewest passages a section has.</summary>
    private const int MinSectionPassages = 2;

    private const int KeyPhraseCount = 5;
    private const int TitlePhraseCount = 3;

    /// <summary>The sections of <paramref name="transcript"/> in time order; none when it has no words.</summary>
    public static IReadOnlyList<ShownoteSection> Build(Transcript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var passages = Passages(transcript.Words);
        if (passages.Count == 0)
        {
            return [];
        }

        var terms = passages.Select(passage => passage.SelectMany(ContentWord).ToList()).ToList();
        var boundaries = Boundaries(terms);
        var sections = new List<(TimeSpan Start, List<List<string>> Passages)>();
        for (var i = 0; i < passages.Count; i++)
        {
            if (i == 0 || boundaries.Contains(i))
            {
                sections.Add((passages[i][0].Start, []));
            }

            sections[^1].Passages.Add(terms[i]);
        }

        var phrases = sections.Select(section => Phrases(section.Passages)).ToList();
        return [.. sections.Select((section, i) =>
        {
            var keyPhrases = KeyPhrases(phrases[i], phrases);
            var title = string.Join(", ", keyPhrases.Take(TitlePhraseCount));
            return new ShownoteSection(section.Start, title.Length > 0 ? char.ToUpperInvariant(title[0]) + title[1..] : title, keyPhrases);
        })];
    }

    private static List<List<TranscriptWord>> Passages(IReadOnlyList<TranscriptWord> words)
    {
        var passages = new List<List<TranscriptWord>>();
        foreach (var word in words)
        {
            if (passages.Count == 0 || word.Start - passages[^1][^1].End >= PassagePause)
            {
                passages.Add([]);
            }

            passages[^1].Add(word);
        }

        return passages;
    }

    /// <summary>A word as a topic term: lower-case, plural "s" and possessive dropped; nothing for stopwords and short words.</summary>
    private static IEnumerable<string> ContentWord(TranscriptWord word)
    {
        var text = KeywordMatcher.Normalize(word.Text);
        text = text.EndsWith("'s", StringComparison.Ordinal) ? text[..^2] : text;
        if (text.Length < 3 || EnglishStopwords.Contains(text))
        {
            yield break;
        }

        yield return text.Length > 4 && text.EndsWith('s') && !text.EndsWith("ss", StringComparison.Ordinal) ? text[..^1] : text;
    }

    /// <summary>The passage indexes that start a new topic: gaps of deep dips in cohesion, at least two passages apart.</summary>
    private static HashSet<int> Boundaries(List<List<string>> terms)
    {
        var gaps = Enumerable.Range(1, Math.Max(0, terms.Count - 1)).ToList();
        var similarity = gaps.Select(gap => Cosine(
            terms.Skip(Math.Max(0, gap - Window)).Take(Math.Min(Window, gap)).SelectMany(t => t),
            terms.Skip(gap).Take(Window).SelectMany(t => t))).ToList();
        var depth = similarity.Select((value, i) => Peak(similarity, i, -1) - value + Peak(similarity, i, 1) - value).ToList();
        if (depth.Count == 0)
        {
            return [];
        }

        var mean = depth.Average();
        var deviation = Math.Sqrt(depth.Average(value => (value - mean) * (value - mean)));
        var boundaries = new HashSet<int>();
        foreach (var i in Enumerable.Range(0, depth.Count).Where(i => depth[i] > mean + (deviation / 2)).OrderByDescending(i => depth[i]).ThenBy(i => i))
        {
            var gap = gaps[i];
            if (gap >= MinSectionPassages && terms.Count - gap >= MinSectionPassages && boundaries.All(kept => Math.Abs(kept - gap) >= MinSectionPassages))
            {
                boundaries.Add(gap);
            }
        }

        return boundaries;
    }

    /// <summary>The highest similarity reached climbing from gap <paramref name="i"/> in <paramref name="step"/>'s direction.</summary>
    private static double Peak(List<double> similarity, int i, int step)
    {
        var peak = similarity[i];
        for (var j = i + step; j >= 0 && j < similarity.Count && similarity[j] >= peak; j += step)
        {
            peak = similarity[j];
        }

        return peak;
    }

    private static double Cosine(IEnumerable<string> left, IEnumerable<string> right)
    {
        var a = left.CountBy(term => term).ToDictionary();
        var b = right.CountBy(term => term).ToDictionary();
        var dot = a.Sum(pair => b.TryGetValue(pair.Key, out var count) ? pair.Value * (double)count : 0);
        var norm = Math.Sqrt(a.Values.Sum(v => (double)v * v)) * Math.Sqrt(b.Values.Sum(v => (double)v * v));
        return norm == 0 ? 0 : dot / norm;
    }

    /// <summary>The section's content words and the pairs of them that follow each other, with their counts.</summary>
    private static Dictionary<string, int> Phrases(List<List<string>> passages)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var passage in passages)
        {
            for (var i = 0; i < passage.Count; i++)
            {
                counts[passage[i]] = counts.GetValueOrDefault(passage[i]) + 1;
                if (i > 0)
                {
                    var pair = passage[i - 1] + " " + passage[i];
                    counts[pair] = counts.GetValueOrDefault(pair) + 1;
                }
            }
        }

        return counts;
    }

    /// <summary>
    /// The phrases ranked by count × how few sections use them; a pair only when said twice (then its words give way to it).
    /// </summary>
    private static List<string> KeyPhrases(Dictionary<string, int> section, List<Dictionary<string, int>> all)
    {
        var ranked = section.Where(pair => !pair.Key.Contains(' ', StringComparison.Ordinal) || pair.Value >= 2)
            .Select(pair => (Phrase: pair.Key, Score: pair.Value * (pair.Key.Contains(' ', StringComparison.Ordinal) ? 2 : 1)
                * Math.Log(1 + ((double)all.Count / all.Count(other => other.ContainsKey(pair.Key))))))
            .OrderByDescending(item => item.Score).ThenBy(item => item.Phrase, StringComparer.Ordinal);
        var chosen = new List<string>();
        foreach (var (phrase, _) in ranked)
        {
            var words = phrase.Split(' ');
            if (chosen.Any(kept => kept.Split(' ').Intersect(words).Any()))
            {
                continue;
            }

            chosen.Add(phrase);
            if (chosen.Count == KeyPhraseCount)
            {
                break;
            }
        }

        return chosen;
    }
}
