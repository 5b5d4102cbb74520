namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>What a production asks of its speech recognition: its language ("en", "de"…; empty means English) and the keywords to find.</summary>
public sealed record SpeechRequest(string? Language, IReadOnlyList<string> Keywords)
{
    /// <summary>The language lower-cased, English when none was asked.</summary>
    public string LanguageCode => string.IsNullOrWhiteSpace(Language) ? "en" : Language.Trim().ToLowerInvariant();
}
