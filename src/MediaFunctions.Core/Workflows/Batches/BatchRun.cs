using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Workflows.Batches;

/// <summary>
/// The input of <see cref="BatchOrchestrator"/>: the batch's settings, fixed when it was accepted, and how far it
/// has come, carried from one generation to the next. The items themselves stay in the <see cref="BatchManifest"/>.
/// </summary>
/// <param name="Total">How many items the batch holds.</param>
/// <param name="Paused">True while the batch waits for <see cref="BatchOrchestrator.StartEvent"/>.</param>
/// <param name="Concurrency">How many of the batch's jobs run at once.</param>
/// <param name="KeyConcurrency">How many batch jobs of the key run at once, across its batches.</param>
/// <param name="ItemsPerGeneration">How many items one generation starts before the orchestration continues as new.</param>
/// <param name="Webhook">Where the batch's end is POSTed.</param>
/// <param name="Zip">Keep every completed item's files and zip them when the batch ends.</param>
public sealed record BatchRun(
    string BatchId,
    string KeyId,
    BatchJobTemplate Template,
    int Total,
    bool Paused,
    int Concurrency,
    int KeyConcurrency,
    TimeSpan SlotPollInterval,
    int ItemsPerGeneration,
    JobWebhook? Webhook,
    BatchTally Tally,
    bool Zip = false);

/// <summary>How far a batch has come: the next item to start, and how the ended ones ended.</summary>
public sealed record BatchTally(int Next, int Completed, int Failed, int Cancelled)
{
    public static BatchTally None { get; } = new(0, 0, 0, 0);

    /// <summary>Items that have ended.</summary>
    public int Ended => Completed + Failed + Cancelled;

    /// <summary>This tally with one more item ended as <paramref name="outcome"/>.</summary>
    public BatchTally With(JobState outcome) => outcome switch
    {
        JobState.Completed => this with { Completed = Completed + 1 },
        JobState.Cancelled => this with { Cancelled = Cancelled + 1 },
        _ => this with { Failed = Failed + 1 },
    };
}
