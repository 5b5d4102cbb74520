namespace MediaFunctions.Core.Jobs;

/// <summary>One file a job produced, and how to fetch it.</summary>
/// <param name="Codec">The audio codec; <c>none</c> for a video file without audio.</param>
/// <param name="Url">A read link: a SAS that expires at <paramref name="ExpiresAt"/>, or for persistent jobs null (the API renders a stable link from <paramref name="FileToken"/>).</param>
/// <param name="FileToken">The signed token of the stable link of a persistent file.</param>
/// <param name="Role">What the file is to its job: <see cref="MediaRole"/>, <see cref="SubtitlesRole"/> or <see cref="ThumbnailRole"/>.</param>
/// <param name="Language">A subtitle track's language.</param>
/// <param name="StorageLocation">Where the file is in the user's own storage (inline storage), without credentials.</param>
public sealed record JobOutput(
    string Format,
    string BlobName,
    string FileName,
    string MimeType,
    long Size,
    double DurationSeconds,
    string Codec,
    bool StreamCopied,
    string? Url = null,
    DateTimeOffset? ExpiresAt = null,
    string? FileToken = null,
    string Role = JobOutput.MediaRole,
    string? VideoCodec = null,
    int? Width = null,
    int? Height = null,
    string? Language = null,
    string? StorageLocation = null)
{
    public const string MediaRole = "media";
    public const string SubtitlesRole = "subtitles";
    public const string ThumbnailRole = "thumbnail";
}
