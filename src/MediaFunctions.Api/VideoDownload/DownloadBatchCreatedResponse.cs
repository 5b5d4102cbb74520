using System.Globalization;
using System.Text.Json.Serialization;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Batches.Sources;

namespace MediaFunctions.Api.VideoDownload;

/// <summary>
/// The answer of <c>POST /jobs</c> when the URL was a batch: its id and whether it waits for a start, and its items
/// with their job ids: <c>episodes</c> for a show, <c>videos</c> for a playlist or list.
/// </summary>
/// <param name="EpisodeJobs">The episodes' job ids (the document's legacy field).</param>
public sealed record DownloadBatchCreatedResponse(
    [property: JsonPropertyName("batch_id")] string BatchId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_url")] string StatusUrl,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("total_episodes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TotalEpisodes,
    [property: JsonPropertyName("episodes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DownloadBatchEpisode>? Episodes,
    [property: JsonPropertyName("episode_jobs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string?>? EpisodeJobs,
    [property: JsonPropertyName("total_videos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? TotalVideos,
    [property: JsonPropertyName("videos"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DownloadBatchVideo>? Videos,
    [property: JsonPropertyName("video_jobs"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string?>? VideoJobs)
{
    public static DownloadBatchCreatedResponse From(BatchView batch, string statusUrl)
    {
        var items = batch.Items.Select(item => item.Item).ToList();
        var jobIds = items.Select(item => item.JobId).ToList();
        return batch.SourceKind == BatchSourceKind.Show
            ? new(batch.Id, batch.State.ToWire(), statusUrl, batch.Paused, items.Count, [.. items.Select(DownloadBatchEpisode.Of)], jobIds, null, null, null)
            : new(batch.Id, batch.State.ToWire(), statusUrl, batch.Paused, null, null, null, items.Count, [.. items.Select(DownloadBatchVideo.Of)], jobIds);
    }
}

/// <summary>One episode of a show and its job.</summary>
/// <param name="ReleaseDate">The day the feed says it was published (UTC), as YYYY-MM-DD.</param>
public sealed record DownloadBatchEpisode(
    [property: JsonPropertyName("job_id")] string? JobId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("release_date")] string? ReleaseDate)
{
    public static DownloadBatchEpisode Of(BatchItem item) => new(item.JobId, item.Url, item.Title, item.Description,
        item.PublishedAt?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

/// <summary>One video of a playlist or list and its job.</summary>
public sealed record DownloadBatchVideo(
    [property: JsonPropertyName("job_id")] string? JobId,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("title")] string? Title)
{
    public static DownloadBatchVideo Of(BatchItem item) => new(item.JobId, item.Url, item.Title);
}
