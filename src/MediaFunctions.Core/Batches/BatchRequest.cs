using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Batches;

/// <summary>A batch as asked for: what each item's job does, and how the batch runs.</summary>
/// <param name="Kind">A <see cref="JobKind"/>: which of <paramref name="Download"/> and <paramref name="ExtractAudio"/> is set.</param>
/// <param name="Paused">Create the jobs but start none until the batch is started.</param>
/// <param name="Concurrency">How many of the batch's jobs run at once; null for the configured default (also its ceiling).</param>
/// <param name="Webhook">Where the batch's end is POSTed.</param>
/// <param name="ItemWebhooks">Also POST each item job's own end (and, when its options ask, its stages) to <paramref name="Webhook"/>.</param>
/// <param name="Storage">The caller's own storage for every item's files.</param>
/// <param name="Zip">When the batch ends, zip every completed item's files into one more file.</param>
public sealed record BatchRequest(
    string Kind,
    DownloadRequest? Download = null,
    ExtractAudioRequest? ExtractAudio = null,
    bool Persistent = false,
    bool Paused = false,
    int? Concurrency = null,
    JobWebhook? Webhook = null,
    bool ItemWebhooks = false,
    InlineStorageRequest? Storage = null,
    bool Zip = false)
{
    /// <summary>What is wrong with the request for a batch whose concurrency may be at most <paramref name="maxConcurrency"/>.</summary>
    public IReadOnlyList<ValidationError> Validate(int maxConcurrency)
    {
        var errors = new List<ValidationError>();
        if (Kind == JobKind.Download && Download is { } download)
        {
            errors.AddRange(download.Validate());
            if (download.FileName is not null)
            {
                errors.Add(new ValidationError("filename", "filename names one file; a batch names each file after its item's title. " +
                    "Create the batch paused and rename its items with PATCH /batch/{id}/jobs instead."));
            }
        }
        else if (Kind == JobKind.ExtractAudio && ExtractAudio is { } extract)
        {
            errors.AddRange(extract.Validate());
        }
        else
        {
            throw new ArgumentException($"A batch of kind '{Kind}' needs its request of that kind.", nameof(Kind));
        }

        if (Concurrency is < 1 || Concurrency > maxConcurrency)
        {
            errors.Add(new ValidationError("concurrency", $"concurrency must be between 1 and {maxConcurrency}."));
        }

        if (Zip && Storage is not null)
        {
            errors.Add(new ValidationError("zip", "zip needs the files in this service's storage; it cannot zip files written to your own storage. " +
                "Leave out storage or zip."));
        }

        return errors;
    }
}
