using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;

namespace MediaFunctions.Core.Batches;

/// <summary>What every job of a batch does: a download or an audio extraction with the batch's options.</summary>
/// <param name="Kind">A <see cref="JobKind"/>: which of <paramref name="Download"/> and <paramref name="ExtractAudio"/> is set.</param>
/// <param name="ItemWebhook">Where each job's own end (and, when its options ask, its stages) is POSTed.</param>
/// <param name="Storage">The caller's own storage for every item's files, sealed.</param>
public sealed record BatchJobTemplate(
    string Kind,
    DownloadRequest? Download,
    ExtractAudioRequest? ExtractAudio,
    bool Persistent,
    JobWebhook? ItemWebhook = null,
    ProtectedInlineStorage? Storage = null)
{
    /// <summary>The job's options as given, for showing with the job.</summary>
    public object Request => (object?)Download ?? ExtractAudio!;

    /// <summary>One item's job options, for showing with its job: a download's carry the item's file name.</summary>
    public object RequestFor(BatchItem item) => Download is { } download ? download with { FileName = item.FileName } : Request;
}
