namespace MediaFunctions.Core.Sources.Pages;

/// <summary>A subtitle track a page offers (not automatic captions): its language, URL and format extension (vtt, srt, ttml...).</summary>
public sealed record PageSubtitle(string Language, Uri Url, string? Extension);
