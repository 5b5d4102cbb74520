namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>One subtitle: its time and its one or two lines.</summary>
public sealed record SubtitleCue(TimeSpan Start, TimeSpan End, IReadOnlyList<string> Lines);
