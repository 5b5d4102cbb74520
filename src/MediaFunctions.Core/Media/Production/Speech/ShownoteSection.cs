namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>One topic of a production's outline: where it starts, a title made of its key phrases, and those phrases.</summary>
public sealed record ShownoteSection(TimeSpan Start, string Title, IReadOnlyList<string> KeyPhrases);
