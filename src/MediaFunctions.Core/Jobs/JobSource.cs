namespace MediaFunctions.Core.Jobs;

/// <summary>Where a job's input is: a blob staged in the inputs container, or a URL read in place.</summary>
/// <param name="AudioBlob">
/// A copy of a staged input's audio streams alone, made while it was uploaded (see
/// <see cref="Media.AudioTrack.AudioTrackSplitter"/>); null when the upload could not be split.
/// </param>
public sealed record JobSource(string? InputBlob, string? Url, string? AudioBlob = null)
{
    public static JobSource Staged(string inputBlob, string? audioBlob = null) => new(inputBlob, null, audioBlob);

    public static JobSource FromUrl(Uri url) => new(null, url.AbsoluteUri);
}
