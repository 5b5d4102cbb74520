using MediaFunctions.Api.Errors;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Jobs;

/// <summary>A job as <c>GET /api/jobs/{id}</c> shows it.</summary>
/// <param name="Kind">What the job does, e.g. <c>extract-audio</c>.</param>
/// <param name="State">pending, in_progress, completed, failed or cancelled.</param>
/// <param name="Stage">What it is doing: queued, extracting, completed.</param>
/// <param name="Progress">0–100.</param>
/// <param name="Persistent">True when the files stay until the job is deleted.</param>
/// <param name="Outputs">The files, once completed.</param>
/// <param name="Error">Why it failed or was cancelled.</param>
/// <param name="Request">The options asked for: <see cref="ExtractAudioSettingsResponse"/> or <see cref="DownloadSettingsResponse"/>.</param>
/// <param name="SourceUrl">The URL a download reads.</param>
/// <param name="Corrections">What a download changed of its options so the output could be written.</param>
public sealed record JobResponse(
    string Id,
    string Kind,
    string State,
    string Stage,
    int Progress,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool Persistent,
    object Request,
    IReadOnlyList<JobOutputResponse> Outputs,
    ApiError? Error,
    string? SourceUrl,
    IReadOnlyList<DownloadCorrection>? Corrections)
{
    public static JobResponse From(JobView job, HttpRequest request) => From(job, FileLinks.ApiBaseUrl(request));

    /// <summary>The job, with stable file links built on <paramref name="apiBaseUrl"/>.</summary>
    public static JobResponse From(JobView job, Uri apiBaseUrl) =>
        new(job.Id, job.Kind, job.State.ToWire(), job.Stage, job.Progress, job.CreatedAt, job.UpdatedAt, job.Persistent,
            job.Request switch
            {
                DownloadRequest download => DownloadSettingsResponse.From(download),
                ExtractAudioRequest extract => ExtractAudioSettingsResponse.From(extract),
                var other => other,
            },
            [.. job.Outputs.Select(output => JobOutputResponse.From(output, apiBaseUrl))],
            job.Error is { } error ? new ApiError(error.Code, error.Message) : null,
            job.SourceUrl,
            job.Corrections);
}
