using MediaFunctions.Core.Batches.Sources;

namespace MediaFunctions.Core.Batches;

/// <summary>
/// A batch's items and what its source said of itself, kept in storage beside the orchestration (which
/// holds only counters): a 1,000-item feed would otherwise ride in every history event of the batch.
/// </summary>
/// <param name="SourceUrl">The playlist, feed or page the items came from; null for a list of URLs.</param>
/// <param name="Started">True once the batch's jobs may run: renames are refused from then on.</param>
public sealed record BatchManifest(
    string BatchId,
    string KeyId,
    BatchSourceKind SourceKind,
    string? SourceUrl,
    string? Title,
    string? Description,
    string? ImageUrl,
    string? Folder,
    DateTimeOffset CreatedAt,
    bool Paused,
    bool Started,
    IReadOnlyList<BatchItem> Items);
