using MediaFunctions.Core.Media.Production.Speech;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>Word error rate: the word-level edit distance (substitutions, insertions, deletions) over the reference's length.</summary>
public static class WordErrorRate
{
    public static double Of(string reference, string hypothesis)
    {
        var expected = Words(reference);
        var heard = Words(hypothesis);
        var previous = Enumerable.Range(0, heard.Length + 1).ToArray();
        for (var i = 1; i <= expected.Length; i++)
        {
            var current = new int[heard.Length + 1];
            current[0] = i;
            for (var j = 1; j <= heard.Length; j++)
            {
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (expected[i - 1] == heard[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return (double)previous[heard.Length] / expected.Length;
    }

    private static string[] Words(string text) =>
        [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(KeywordMatcher.Normalize).Where(word => word.Length > 0)];
}
