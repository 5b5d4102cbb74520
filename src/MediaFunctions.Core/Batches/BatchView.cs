using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Batches;

/// <summary>A batch as its owner sees it: what it came from, where it is, its counts, and every item with its job.</summary>
/// <param name="JobKind">What each item's job does: a <see cref="Jobs.JobKind"/>.</param>
/// <param name="Request">The options every item's job runs with, as given.</param>
/// <param name="Zip">The zip of every completed item's files, linked, once a batch that asked for one has ended.</param>
public sealed record BatchView(
    string Id,
    BatchState State,
    BatchSourceKind SourceKind,
    string? SourceUrl,
    string? Title,
    string? Description,
    string? ImageUrl,
    string? Folder,
    string JobKind,
    object Request,
    bool Paused,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<BatchItemView> Items,
    JobOutput? Zip = null)
{
    public int Total => Items.Count;

    public int Completed => Count(JobState.Completed);

    public int Failed => Count(JobState.Failed);

    public int Cancelled => Count(JobState.Cancelled);

    public int Running => Count(JobState.InProgress);

    public int Pending => Count(JobState.Pending);

    /// <summary>Items ended (however) in percent of all.</summary>
    public int Progress => Total == 0 ? 100 : (Completed + Failed + Cancelled) * 100 / Total;

    private int Count(JobState state) => Items.Count(item => item.State == state);
}
