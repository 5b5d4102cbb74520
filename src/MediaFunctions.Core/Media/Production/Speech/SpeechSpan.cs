namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>A stretch of the audio that is not a word of the text (a filler such as "um", a cough), kept so a cutter can remove it.</summary>
public sealed record SpeechSpan(string Text, TimeSpan Start, TimeSpan End);
