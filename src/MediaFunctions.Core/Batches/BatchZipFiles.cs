using System.IO.Compression;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Batches;

/// <summary>
/// The zip of a batch's outputs: each completed item's files are copied aside under the batch's own prefix as the
/// item completes (its own files expire with its links, long before a long batch ends), and when the batch ends they
/// are written, stored uncompressed, into one zip next to them, <c>{key}/{batchId}/{batchId}.zip</c>.
/// </summary>
public sealed class BatchZipFiles(BlobServiceClient blobs, SasLinkIssuer links, TimeProvider timeProvider)
{
    // The copy reads its source through a SAS: in Azure, a copy authorized by a managed identity cannot read the source with it.
    private static readonly TimeSpan CopySourceLinkLifetime = TimeSpan.FromMinutes(30);

    // Marks a zip written to the end: a retried run after the kept files were deleted must not write it again without them.
    private const string WrittenMetadata = "zipwritten";

    private BlobContainerClient Outputs => blobs.GetBlobContainerClient(MediaContainers.Outputs);

    /// <summary>The zip's blob name in the outputs container.</summary>
    public static string ZipBlob(string keyId, string batchId) => MediaContainers.OutputBlob(keyId, batchId, $"{batchId}.zip");

    /// <summary>Where the files kept for the zip are, all under the batch's own prefix.</summary>
    public static string KeptPrefix(string keyId, string batchId) => MediaContainers.OutputBlob(keyId, batchId, "zip-items/");

    /// <summary>
    /// Copies (server side) every output of the batch's item <paramref name="index"/> aside for the zip, under its
    /// name relative to its job; a copy made before is overwritten. Returns how many files were kept.
    /// </summary>
    public async Task<int> KeepAsync(string keyId, string batchId, int index, IReadOnlyList<JobOutput> outputs, CancellationToken cancellationToken = default)
    {
        var jobPrefix = MediaContainers.JobPrefix(keyId, BatchItem.JobIdFor(batchId, index));
        foreach (var output in outputs)
        {
            var relativeName = output.BlobName.StartsWith(jobPrefix, StringComparison.Ordinal)
                ? output.BlobName[jobPrefix.Length..]
                : throw new InvalidOperationException($"Output {output.BlobName} is not a file of item {index} of batch {batchId}.");
            var source = await links.IssueReadLinkAsync(MediaContainers.Outputs, output.BlobName, timeProvider.GetUtcNow() + CopySourceLinkLifetime,
                cancellationToken: cancellationToken);
            var kept = Outputs.GetBlobClient($"{KeptPrefix(keyId, batchId)}{index:D5}/{relativeName}");
            var copy = await kept.StartCopyFromUriAsync(source, cancellationToken: cancellationToken);
            await copy.WaitForCompletionAsync(cancellationToken);
        }

        return outputs.Count;
    }

    /// <summary>
    /// Writes every kept file, in item order, into the batch's zip (streamed block by block, never a whole file in
    /// memory), then deletes the kept files. Null when nothing was kept. Files of a non-persistent batch are tagged
    /// like a job's (see <see cref="JobOutputPublisher.PersistentTag"/>).
    /// </summary>
    public async Task<JobOutput?> WriteZipAsync(string keyId, string batchId, bool persistent, CancellationToken cancellationToken = default)
    {
        var zip = Outputs.GetBlockBlobClient(ZipBlob(keyId, batchId));
        var prefix = KeptPrefix(keyId, batchId);
        var kept = new List<string>();
        await foreach (var blob in Outputs.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            kept.Add(blob.Name);
        }

        kept.Sort(StringComparer.Ordinal);
        var written = await WrittenSizeAsync(zip, cancellationToken);
        if (written is null)
        {
            if (kept.Count == 0)
            {
                return null;
            }

            await WriteAsync(zip, [.. kept.Select(name => (name, EntryName(name[prefix.Length..])))], persistent, cancellationToken);
            await zip.SetMetadataAsync(new Dictionary<string, string> { [WrittenMetadata] = "true" }, cancellationToken: cancellationToken);
            written = await WrittenSizeAsync(zip, cancellationToken);
        }

        foreach (var name in kept)
        {
            await Outputs.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
        }

        return new JobOutput("zip", zip.Name, $"{batchId}.zip", "application/zip", written!.Value, 0, "none", StreamCopied: false);
    }

    /// <summary>
    /// The names of the entries in order: each kept file's name relative to its job, a name met again (ignoring case,
    /// as the file systems a zip is unpacked on do) numbered " (2)", " (3)" before its extension.
    /// </summary>
    public static IReadOnlyList<string> EntryNames(IEnumerable<string> relativeNames)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var name in relativeNames)
        {
            var unique = name;
            var folderEnd = name.LastIndexOf('/') + 1;
            var extension = Path.GetExtension(name[folderEnd..]);
            var stem = name[..(name.Length - extension.Length)];
            for (var number = 2; !taken.Add(unique); number++)
            {
                unique = $"{stem} ({number}){extension}";
            }

            names.Add(unique);
        }

        return names;
    }

    // "00003/folder/name.mp4" → "folder/name.mp4"; WriteAsync makes the names unique over the whole list.
    private static string EntryName(string keptName) => keptName[(keptName.IndexOf('/') + 1)..];

    private async Task WriteAsync(BlockBlobClient zip, IReadOnlyList<(string BlobName, string RelativeName)> files, bool persistent,
        CancellationToken cancellationToken)
    {
        var entryNames = EntryNames(files.Select(file => file.RelativeName));
        var options = new BlockBlobOpenWriteOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/zip" },
            Tags = persistent ? null : new Dictionary<string, string> { [JobOutputPublisher.PersistentTag] = "false" },
        };
        await using var target = await zip.OpenWriteAsync(overwrite: true, options, cancellationToken);
        await using (var archive = await ZipArchive.CreateAsync(target, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken))
        {
            for (var i = 0; i < files.Count; i++)
            {
                var entry = archive.CreateEntry(entryNames[i], CompressionLevel.NoCompression);
                await using var source = await Outputs.GetBlobClient(files[i].BlobName).OpenReadAsync(cancellationToken: cancellationToken);
                await using var content = await entry.OpenAsync(cancellationToken);
                await source.CopyToAsync(content, cancellationToken);
            }
        }
    }

    private static async Task<long?> WrittenSizeAsync(BlockBlobClient zip, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await zip.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return properties.Metadata.ContainsKey(WrittenMetadata) ? properties.ContentLength : null;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }
}
