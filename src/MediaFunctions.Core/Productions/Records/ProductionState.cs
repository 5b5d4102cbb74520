namespace MediaFunctions.Core.Productions.Records;

/// <summary>
/// What the service keeps about a production beside its fields: the files uploaded to it, its current or last run, and
/// that run's outcome. Only the service writes it; answers show parts of it.
/// </summary>
public sealed record ProductionState
{
    /// <summary>The files uploaded to it, one per form field (<c>input_file</c>, a track id, <c>image</c>, <c>chapters</c>).</summary>
    public IReadOnlyList<ProductionUpload> Uploads { get; init; } = [];

    /// <summary>The orchestration instance of its current or last run; null before its first start.</summary>
    public string? RunInstanceId { get; init; }

    /// <summary>The files its last run produced, in <c>output_files</c> order.</summary>
    public IReadOnlyList<ProductionResultFile> Results { get; init; } = [];

    /// <summary>Why its last run failed; null unless its status is Error.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>What its last run could not do as asked (algorithms not applied yet, an outgoing transfer that failed).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The produced audio's length in seconds; null before a run is done.</summary>
    public double? Length { get; init; }

    /// <summary>
    /// The blob (outputs container) of its last run's transcript, as the production's <c>transcript</c> shows it; null without
    /// speech recognition. A blob, not a field: an hour's words with their times outgrow a table entity.
    /// </summary>
    public string? TranscriptBlob { get; init; }

    /// <summary>The upload made through <paramref name="field"/>, or null.</summary>
    public ProductionUpload? Upload(string field) => Uploads.FirstOrDefault(upload => upload.Field == field);

    /// <summary>This state with <paramref name="upload"/> in place of the one of its field.</summary>
    public ProductionState WithUpload(ProductionUpload upload) =>
        this with { Uploads = [.. Uploads.Where(existing => existing.Field != upload.Field), upload] };

    /// <summary>This state without the last run's outcome.</summary>
    public ProductionState WithoutResults() => this with { Results = [], ErrorMessage = null, Warnings = [], Length = null, TranscriptBlob = null };
}

/// <summary>A file uploaded to a production.</summary>
/// <param name="Field">The form field it came in: <c>input_file</c>, a multitrack id, <c>image</c> or <c>chapters</c>.</param>
/// <param name="FileName">Its name as the client sent it.</param>
/// <param name="BlobName">Where it is kept in the productions container.</param>
/// <param name="Length">Its size in bytes.</param>
public sealed record ProductionUpload(string Field, string FileName, string BlobName, long Length);

/// <summary>A file a production's run produced.</summary>
/// <param name="OutputIndex">The <c>output_files</c> entry it was made for (0-based).</param>
/// <param name="Format">That entry's format.</param>
/// <param name="FileName">Its name, as <c>/api/download/audio-result/{uuid}/{filename}</c> serves it.</param>
/// <param name="BlobName">Where it is kept in the outputs container.</param>
/// <param name="MimeType">Its content type.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="Duration">Its playing time in seconds.</param>
/// <param name="Chapter">The chapter (1-based) it holds when its entry splits on chapters; null otherwise.</param>
public sealed record ProductionResultFile(int OutputIndex, string Format, string FileName, string BlobName, string MimeType, long Size, double Duration, int? Chapter);
