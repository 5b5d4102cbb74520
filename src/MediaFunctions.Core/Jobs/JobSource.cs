namespace MediaFunctions.Core.Jobs;

/// <summary>Where a job's input is: a blob staged in the inputs container, or a URL read in place.</summary>
/// <param name="AudioBlob">
/// A copy of a staged input's audio streams alone, made while it was uploaded (see
/// <see cref="Media.AudioTrack.AudioTrackSplitter"/>); null when the upload could not be split.
/// </param>
/// <param name="Headers">Headers the URL's server wants (a video site's media, as yt-dlp found it on the page).</param>
public sealed record JobSource(string? InputBlob, string? Url, string? AudioBlob = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static JobSource Staged(string inputBlob, string? audioBlob = null) => new(inputBlob, null, audioBlob);

    public static JobSource FromUrl(Uri url) => new(null, url.AbsoluteUri);
}
