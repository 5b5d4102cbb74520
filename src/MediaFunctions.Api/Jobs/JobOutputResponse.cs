using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.Jobs;

/// <summary>One file of a finished job.</summary>
/// <param name="Url">A read SAS that expires at <paramref name="ExpiresAt"/>, or for persistent jobs a stable link (<c>/api/files/…</c>) that never does.</param>
/// <param name="ExpiresAt">When <paramref name="Url"/> stops working and the file is deleted; null for persistent jobs.</param>
/// <param name="Size">Bytes.</param>
/// <param name="Duration">Seconds of audio.</param>
/// <param name="StreamCopied">True when the audio (and video) was copied from the input without re-encoding.</param>
/// <param name="Role">media, subtitles or thumbnail.</param>
/// <param name="VideoCodec">A video file's video codec.</param>
/// <param name="Language">A subtitle track's language.</param>
/// <param name="StorageLocation">Where the file is in the caller's own storage (inline storage).</param>
public sealed record JobOutputResponse(
    string Format,
    string Url,
    DateTimeOffset? ExpiresAt,
    long Size,
    double Duration,
    string Codec,
    string MimeType,
    bool StreamCopied,
    string FileName,
    string Role,
    string? VideoCodec,
    int? Width,
    int? Height,
    string? Language,
    string? StorageLocation)
{
    public static JobOutputResponse From(JobOutput output, Uri apiBaseUrl) =>
        new(output.Format, FileLinks.For(output, apiBaseUrl), output.ExpiresAt, output.Size, output.DurationSeconds, output.Codec, output.MimeType,
            output.StreamCopied, output.FileName, output.Role, output.VideoCodec, output.Width, output.Height, output.Language, output.StorageLocation);
}
