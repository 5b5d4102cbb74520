namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>Where a requested keyword was heard: spotted in the audio or found among the recognised words.</summary>
public sealed record KeywordHit(string Keyword, TimeSpan Start, TimeSpan End);
