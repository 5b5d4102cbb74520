namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>English function words and fillers, which say nothing of a topic.</summary>
internal static class EnglishStopwords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
        "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
        "during", "each", "even", "every", "few", "for", "from", "further", "get", "got", "had", "has", "have", "having", "he",
        "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "know", "like", "made",
        "make", "many", "may", "me", "might", "more", "most", "much", "must", "my", "no", "nor", "not", "now", "of", "off", "on",
        "one", "only", "or", "other", "our", "out", "over", "own", "really", "right", "said", "same", "say", "see", "she",
        "should", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "thing",
        "things", "think", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "way", "we",
        "well", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "yeah", "yes",
        "you", "your", "yours", "year", "years", "um", "uh", "ah", "er", "hmm", "okay", "oh",
    };

    public static bool Contains(string word) => Words.Contains(word);
}
