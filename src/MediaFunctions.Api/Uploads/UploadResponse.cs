using System.Text.Json.Serialization;
using MediaFunctions.Core.Uploads;

namespace MediaFunctions.Api.Uploads;

/// <summary>
/// An upload session as the upload routes show it (snake_case, as browsers' and the CLI's upload code reads it): where to
/// PUT the blocks, how many and how large, until when, and once completed what the file is.
/// </summary>
/// <param name="UploadUrl">The blob's URL with a write-only SAS for that blob alone; append <c>&amp;comp=block&amp;blockid=…</c> per block.</param>
/// <param name="StagedBlocks">The blocks already in storage (GET only): what a resuming client skips.</param>
/// <param name="Media">What ffprobe found: duration (s), format, streams; once ready.</param>
/// <param name="JobId">The job that took it, once used.</param>
public sealed record UploadResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("upload_url")] string UploadUrl,
    [property: JsonPropertyName("block_size")] int BlockSize,
    [property: JsonPropertyName("block_count")] int BlockCount,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("staged_blocks"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<int>? StagedBlocks,
    [property: JsonPropertyName("media"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UploadMediaResponse? Media,
    [property: JsonPropertyName("job_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobId)
{
    public static UploadResponse From(UploadSession session, Uri uploadUrl, IReadOnlyList<int>? stagedBlocks = null) =>
        new(session.Id, uploadUrl.AbsoluteUri, session.BlockSize, session.BlockCount, session.Size, session.Name, session.ContentType,
            session.ExpiresAt, session.Status, stagedBlocks, session.Media is { } media ? UploadMediaResponse.From(media) : null, session.JobId);
}
