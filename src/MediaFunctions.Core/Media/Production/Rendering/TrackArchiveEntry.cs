namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>One processed track a <c>tracks</c> output's ffmpeg run writes, to be put into its zip.</summary>
/// <param name="EntryName">Its name in the zip: the track's id, made safe as a file name, with the format's ending.</param>
/// <param name="Path">Where ffmpeg writes it; deleted once it is in the zip.</param>
public sealed record TrackArchiveEntry(string EntryName, string Path);
