namespace MediaFunctions.Core.Jobs;

/// <summary>One file a job produced, and how to fetch it.</summary>
/// <param name="Url">A read link: a SAS that expires at <paramref name="ExpiresAt"/>, or for persistent jobs null (the API renders a stable link from <paramref name="FileToken"/>).</param>
/// <param name="FileToken">The signed token of the stable link of a persistent file.</param>
public sealed record JobOutput(
    string Format,
    string BlobName,
    string FileName,
    string MimeType,
    long Size,
    double DurationSeconds,
    string Codec,
    bool StreamCopied,
    string? Url = null,
    DateTimeOffset? ExpiresAt = null,
    string? FileToken = null);
