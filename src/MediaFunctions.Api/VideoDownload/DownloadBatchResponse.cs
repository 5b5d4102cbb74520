using System.Text.Json.Serialization;
using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>
/// <c>GET /batch/{id}</c> of the video-download dialect: where the batch is, its counts, and every job. A show's
/// fields are named for episodes (<c>show_url</c>, <c>total_episodes</c>, …), a playlist's or list's for videos.
/// </summary>
/// <param name="Status">paused, processing, completed (every job completed), finished (every job ended, some did not complete), cancelled or failed.</param>
/// <param name="Progress">Jobs ended, however, in percent of all (0–100).</param>
public sealed record DownloadBatchResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("show_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ShowUrl,
    [property: JsonPropertyName("playlist_url"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PlaylistUrl,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("folder")] string? Folder,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("total_episodes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TotalEpisodes,
    [property: JsonPropertyName("completed_episodes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CompletedEpisodes,
    [property: JsonPropertyName("failed_episodes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FailedEpisodes,
    [property: JsonPropertyName("episode_jobs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string?>? EpisodeJobs,
    [property: JsonPropertyName("total_videos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TotalVideos,
    [property: JsonPropertyName("completed_videos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? CompletedVideos,
    [property: JsonPropertyName("failed_videos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FailedVideos,
    [property: JsonPropertyName("video_jobs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string?>? VideoJobs,
    [property: JsonPropertyName("counts")] DownloadBatchCounts Counts,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("jobs")] IReadOnlyList<DownloadBatchJob> Jobs)
{
    public static DownloadBatchResponse From(BatchView batch, HttpRequest request)
    {
        var show = batch.SourceKind == BatchSourceKind.Show;
        var jobIds = batch.Items.Select(item => item.Item.JobId).ToList();
        return new(batch.Id, batch.State.ToWire(), batch.Paused, show ? batch.SourceUrl : null, show ? null : batch.SourceUrl, batch.Title, batch.Folder,
            batch.CreatedAt, batch.UpdatedAt,
            show ? batch.Total : null, show ? batch.Completed : null, show ? batch.Failed : null, show ? jobIds : null,
            show ? null : batch.Total, show ? null : batch.Completed, show ? null : batch.Failed, show ? null : jobIds,
            new DownloadBatchCounts(batch.Pending, batch.Running, batch.Completed, batch.Failed, batch.Cancelled), batch.Progress,
            [.. batch.Items.Select(item => DownloadBatchJob.Of(item, request))]);
    }
}

/// <summary>How many of the batch's jobs are in each state.</summary>
public sealed record DownloadBatchCounts(
    [property: JsonPropertyName("pending")] int Pending,
    [property: JsonPropertyName("processing")] int Processing,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("cancelled")] int Cancelled);

/// <summary>One job of a batch.</summary>
/// <param name="JobId">Null only for an item refused when the batch was created.</param>
/// <param name="FileName">The file name a rename gave it (without extension); null while it is named after its title.</param>
/// <param name="Status">pending, in_progress, completed, failed or cancelled, as <c>GET /jobs/{id}</c>'s <c>state</c>.</param>
/// <param name="Result">The file, once completed, as <c>GET /jobs/{id}</c> gives it.</param>
public sealed record DownloadBatchJob(
    [property: JsonPropertyName("job_id")] string? JobId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("filename")] string? FileName,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("progress")] int Progress,
    [property: JsonPropertyName("error")] ApiError? Error,
    [property: JsonPropertyName("result")] DownloadJobResult? Result)
{
    public static DownloadBatchJob Of(BatchItemView item, HttpRequest request)
    {
        var job = item.Job is { } view ? DownloadJobStatusResponse.From(view, request) : null;
        var refusal = item.Item.Refusal is { } refused ? new ApiError(refused.Code, refused.Message) : null;
        return new(item.Item.JobId, item.Item.Url, item.Item.Title, item.Item.FileName, item.State.ToWire(), job?.Progress ?? 0, job?.Error ?? refusal,
            job?.Result);
    }
}
