namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>Which recognised items are hesitations rather than words of the text.</summary>
internal static class FillerWords
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "um", "umm", "uhm", "uh", "uhh", "ah", "er", "erm", "hmm", "hm", "mm", "mhm",
    };

    // The open vowels and hums a hesitation is made of (ARPAbet): pocketsphinx hears an "um" alone as "on", an "uh" as "a".
    private static readonly HashSet<string> HesitationPhones = ["AA", "AH", "AO", "ER", "UH", "M", "N", "HH"];
    private static readonly HashSet<string> Vowels = ["AA", "AH", "AO", "ER", "UH"];

    /// <summary>The longest a hesitation heard as a word may last.</summary>
    public static readonly TimeSpan MaxHesitation = TimeSpan.FromSeconds(0.7);

    /// <summary>The pause on each side that sets a hesitation apart from the words around it.</summary>
    public static readonly TimeSpan IsolatingPause = TimeSpan.FromSeconds(0.15);

    public static bool IsFiller(string word) => Words.Contains(word);

    /// <summary>Whether a pronunciation is only open vowels and hums, with at least one vowel ("on", "a", "ah").</summary>
    public static bool SoundsLikeHesitation(IReadOnlyList<string> phones) =>
        phones.Count is > 0 and <= 3 && phones.All(HesitationPhones.Contains) && phones.Any(Vowels.Contains);
}
