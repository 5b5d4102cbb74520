using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.Batches;

/// <summary>The zip of every completed item's files of a batch that asked for one.</summary>
/// <param name="Url">A read SAS that expires at <paramref name="ExpiresAt"/>, or for a persistent batch a stable link (<c>/api/files/…</c>) that never does.</param>
/// <param name="FileName"><c>{batchId}.zip</c>.</param>
/// <param name="Size">Bytes.</param>
/// <param name="ExpiresAt">When <paramref name="Url"/> stops working and the zip is deleted; null for a persistent batch.</param>
public sealed record BatchZipResponse(string Url, string FileName, long Size, DateTimeOffset? ExpiresAt)
{
    public static BatchZipResponse From(JobOutput zip, Uri apiBaseUrl) => new(FileLinks.For(zip, apiBaseUrl), zip.FileName, zip.Size, zip.ExpiresAt);
}
