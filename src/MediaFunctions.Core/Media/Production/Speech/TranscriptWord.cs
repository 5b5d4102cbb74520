namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>One recognised word with its time in the recognised audio and the recogniser's confidence (0–1).</summary>
public sealed record TranscriptWord(string Text, TimeSpan Start, TimeSpan End, double Confidence);
