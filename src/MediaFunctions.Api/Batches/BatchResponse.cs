using System.Text.Json.Serialization;
using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Batches;

/// <summary>A batch as <c>GET /api/batches/{id}</c> shows it, and as its webhook carries it.</summary>
/// <param name="State">paused, processing, completed (every item completed), finished (all ended, some did not complete), cancelled or failed.</param>
/// <param name="SourceKind">playlist, show (a podcast feed) or list (an M3U list or <c>urls</c>).</param>
/// <param name="SourceUrl">The playlist, feed or list the items came from; null for <c>urls</c>.</param>
/// <param name="Kind">What each item's job does: download or extract-audio.</param>
/// <param name="Request">The options every item's job runs with: <see cref="DownloadSettingsResponse"/> or <see cref="ExtractAudioSettingsResponse"/>.</param>
/// <param name="Paused">True when the batch was created paused (it stays true once started; <paramref name="State"/> says where it is).</param>
/// <param name="Progress">Items ended (however) in percent of all, 0–100.</param>
/// <param name="Zip">The zip of every completed item's files, once a batch created with <c>zip</c> has ended; left out otherwise.</param>
public sealed record BatchResponse(
    string Id,
    string State,
    string SourceKind,
    string? SourceUrl,
    string? Title,
    string? Description,
    string? ImageUrl,
    string? Folder,
    string Kind,
    object Request,
    bool Paused,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Total,
    int Completed,
    int Failed,
    int Cancelled,
    int Running,
    int Pending,
    int Progress,
    IReadOnlyList<BatchItemResponse> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BatchZipResponse? Zip)
{
    public static BatchResponse From(BatchView batch, HttpRequest request) => From(batch, FileLinks.ApiBaseUrl(request));

    /// <summary>The batch, with its jobs' stable file links built on <paramref name="apiBaseUrl"/>.</summary>
    public static BatchResponse From(BatchView batch, Uri apiBaseUrl) =>
        new(batch.Id, batch.State.ToWire(), SourceKindName(batch.SourceKind), batch.SourceUrl, batch.Title, batch.Description, batch.ImageUrl, batch.Folder,
            batch.JobKind,
            batch.Request switch
            {
                DownloadRequest download => DownloadSettingsResponse.From(download),
                ExtractAudioRequest extract => ExtractAudioSettingsResponse.From(extract),
                var other => other,
            },
            batch.Paused, batch.CreatedAt, batch.UpdatedAt, batch.Total, batch.Completed, batch.Failed, batch.Cancelled, batch.Running, batch.Pending,
            batch.Progress, [.. batch.Items.Select(item => BatchItemResponse.From(item, apiBaseUrl))],
            batch.Zip is { } zip ? BatchZipResponse.From(zip, apiBaseUrl) : null);

    private static string SourceKindName(BatchSourceKind kind) => kind switch
    {
        BatchSourceKind.Playlist => "playlist",
        BatchSourceKind.Show => "show",
        BatchSourceKind.List => "list",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
