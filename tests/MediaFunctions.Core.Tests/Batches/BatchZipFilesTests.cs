using System.IO.Compression;
using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing;
using Microsoft.Extensions.Options;
using Moq;

namespace MediaFunctions.Core.Tests.Batches;

public sealed class BatchZipFilesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    private async Task<BlobContainerClient> OutputsAsync(CancellationToken cancellationToken)
    {
        var outputs = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(MediaContainers.Outputs);
        await outputs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return outputs;
    }

    // An item job's output, uploaded where its job would have written it.
    private static async Task<(JobOutput Output, byte[] Content)> ItemOutputAsync(BlobContainerClient outputs, string keyId, string batchId, int index,
        string relativeName, int size, CancellationToken cancellationToken)
    {
        var content = RandomNumberGenerator.GetBytes(size);
        var blobName = MediaContainers.OutputBlob(keyId, BatchItem.JobIdFor(batchId, index), relativeName);
        await outputs.GetBlobClient(blobName).UploadAsync(new BinaryData(content), cancellationToken);
        return (new JobOutput("mp3", blobName, Path.GetFileName(relativeName), "audio/mpeg", size, 1, "mp3", true), content);
    }

    [Fact]
    public async Task KeepThenZip_TwoItemsWithARepeatedName_ZipHoldsEveryFileRenamedOnceAndTheKeptFilesAreGone()
    {
        var token = Timeout();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        var outputs = await OutputsAsync(token);
        var (keyId, batchId) = ("k" + Guid.NewGuid().ToString("N")[..8], "b" + Guid.NewGuid().ToString("N")[..8]);
        var first = await ItemOutputAsync(outputs, keyId, batchId, 0, "shows/episode.mp3", 5 * 1024 * 1024 + 17, token);
        var firstCover = await ItemOutputAsync(outputs, keyId, batchId, 0, "shows/episode.jpg", 2048, token);
        var second = await ItemOutputAsync(outputs, keyId, batchId, 1, "shows/episode.mp3", 3000, token);
        var zips = new BatchZipFiles(blobs, new SasLinkIssuer(blobs, TimeProvider.System), TimeProvider.System);
        var orchestrations = new Mock<IOrchestrationClient>();
        var zipActivity = new ZipBatchOutputsActivity(zips,
            new JobOutputPublisher(blobs, new SasLinkIssuer(blobs, TimeProvider.System), new FileLinkSigner(blobs), Options.Create(new JobOptions()), TimeProvider.System),
            new JobCleanupScheduler(orchestrations.Object));
        var keep = new KeepForBatchZipActivity(zips);
        var context = new ActivityContext("activity", batchId, null);

        // The second item ends first; a retried keep copies again over the first copy.
        await keep.RunAsync(context, new BatchZipItem(keyId, batchId, 1, [second.Output]), token);
        await keep.RunAsync(context, new BatchZipItem(keyId, batchId, 0, [first.Output, firstCover.Output]), token);
        await keep.RunAsync(context, new BatchZipItem(keyId, batchId, 0, [first.Output, firstCover.Output]), token);
        var zip = await zipActivity.RunAsync(context, new BatchZipping(keyId, batchId, Persistent: false), token);

        Assert.NotNull(zip);
        Assert.Equal($"{batchId}.zip", zip.FileName);
        using var http = new HttpClient();
        using var download = await http.GetAsync(zip.Url, token);
        download.EnsureSuccessStatusCode();
        var bytes = await download.Content.ReadAsByteArrayAsync(token);
        Assert.Equal(zip.Size, bytes.Length);
        using var archive = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        // In item order, and by name within an item.
        Assert.Equal(["shows/episode.jpg", "shows/episode.mp3", "shows/episode (2).mp3"], archive.Entries.Select(entry => entry.FullName));
        foreach (var (entry, expected) in archive.Entries.Zip(new[] { firstCover.Content, first.Content, second.Content }))
        {
            // Stored: the entry takes as many bytes as the file.
            Assert.Equal(entry.Length, entry.CompressedLength);
            using var read = new MemoryStream();
            await using (var entryStream = await entry.OpenAsync(token))
            {
                await entryStream.CopyToAsync(read, token);
            }

            Assert.Equal(expected, read.ToArray());
        }

        var left = new List<string>();
        await foreach (var blob in outputs.GetBlobsAsync(BlobTraits.None, BlobStates.None, MediaContainers.JobPrefix(keyId, batchId), token))
        {
            left.Add(blob.Name);
        }

        Assert.Equal([BatchZipFiles.ZipBlob(keyId, batchId)], left);
        Assert.True(zip.ExpiresAt > DateTimeOffset.UtcNow);
        orchestrations.Verify(o => o.ScheduleNewOrchestrationInstanceAsync(nameof(JobCleanupOrchestrator),
            new JobCleanup(keyId, batchId, zip.ExpiresAt!.Value), It.IsAny<StartOrchestrationOptions>(), It.IsAny<CancellationToken>()), Times.Once);

        // Run again, as an activity may be: the zip written before stands, with every file still in it.
        var again = await zipActivity.RunAsync(context, new BatchZipping(keyId, batchId, Persistent: false), token);
        Assert.Equal(zip.Size, again!.Size);
    }

    [Fact]
    public async Task Zip_NothingKept_ReturnsNull()
    {
        var token = Timeout();
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        await OutputsAsync(token);

        var zip = await new BatchZipFiles(blobs, new SasLinkIssuer(blobs, TimeProvider.System), TimeProvider.System).WriteZipAsync("k" + Guid.NewGuid().ToString("N")[..8], "nothing", false, token);

        Assert.Null(zip);
    }

    [Fact]
    public void EntryNames_NamesRepeatedInAnyCase_NumberedBeforeTheExtension()
    {
        Assert.Equal(["a.mp3", "A (2).mp3", "a (3).mp3", "a (2) (2).mp3", "f/a.mp3", "b", "b (2)"],
            BatchZipFiles.EntryNames(["a.mp3", "A.mp3", "a.mp3", "a (2).mp3", "f/a.mp3", "b", "b"]));
    }
}
