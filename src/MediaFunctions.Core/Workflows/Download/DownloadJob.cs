using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>The input of <see cref="DownloadOrchestrator"/>: everything decided when the job was accepted.</summary>
/// <param name="Url">The URL the user gave.</param>
/// <param name="Request">The options as given (shown with the job).</param>
/// <param name="Settings">The options the job uses, with what was corrected before the source was known.</param>
/// <param name="Source">What the URL leads to; null while a scheduled stream has not started.</param>
/// <param name="Corrections">Everything corrected, including what the source's streams forced.</param>
/// <param name="FileBaseName">The output file's name without its extension.</param>
/// <param name="MaxSourceBytes">The key's cap on bytes read from the source.</param>
/// <param name="Wait">How a scheduled stream is waited for, fixed at acceptance (an orchestrator must not read settings).</param>
/// <param name="Storage">The caller's own storage for the files, sealed: its credentials never reach history, logs or status.</param>
/// <param name="Threads">The threads ffmpeg gets, for a batch's jobs that share the cores; null: ffmpeg uses them all.</param>
public sealed record DownloadJob(
    string JobId,
    string KeyId,
    string Url,
    DownloadRequest Request,
    DownloadSettings Settings,
    DownloadSource? Source,
    IReadOnlyList<DownloadCorrection> Corrections,
    bool Persistent,
    string FileBaseName,
    long? MaxSourceBytes,
    ScheduledStreamWait? Wait = null,
    JobWebhook? Webhook = null,
    ProtectedInlineStorage? Storage = null,
    int? Threads = null);

/// <summary>How long and how often a download waits for a scheduled stream to start.</summary>
public sealed record ScheduledStreamWait(DateTime Until, TimeSpan PollInterval);
