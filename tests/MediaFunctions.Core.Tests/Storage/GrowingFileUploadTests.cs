using System.Security.Cryptography;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MediaFunctions.Core.Storage;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Storage;

public sealed class GrowingFileUploadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("growing-upload-");

    public void Dispose() => folder.Delete(recursive: true);

    [Theory]
    [InlineData(100)] // a header, as muxers patch
    [InlineData(2 * GrowingFileUpload.BlockBytes + 100)] // the last block read while the file grew, next to the tail staged at the commit
    public async Task CommitAsync_FileGrownThenABlockRewritten_BlobIsTheFinishedFileReusingTheUntouchedBlocks(int patchedAt)
    {
        var token = FfmpegTools.Timeout();
        var path = Path.Combine(folder.FullName, "grown.bin");
        var blob = await NewBlobAsync(token);
        var content = RandomNumberGenerator.GetBytes(3 * GrowingFileUpload.BlockBytes + 12345);

        await using var upload = GrowingFileUpload.Start(blob, path, new CommitBlockListOptions(), token);
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite))
        {
            for (var offset = 0; offset < content.Length; offset += 1024 * 1024)
            {
                await file.WriteAsync(content.AsMemory(offset, Math.Min(1024 * 1024, content.Length - offset)), token);
                await file.FlushAsync(token);
            }

            // What a muxer does at the end: seek back and patch what it wrote before.
            await WaitUntilAsync(() => upload.StagedWhileGrowing >= 3, token);
            file.Position = patchedAt;
            await file.WriteAsync(new byte[] { 1, 2, 3, 4 }, token);
            new byte[] { 1, 2, 3, 4 }.CopyTo(content, patchedAt);
        }

        await upload.CommitAsync(token);

        Assert.Equal(content, (await blob.DownloadContentAsync(token)).Value.Content.ToArray());
        Assert.Equal(2, upload.BlocksReused);
    }

    [Theory]
    [InlineData("mp4", "+faststart")]
    [InlineData("mp4", null)]
    [InlineData("matroska", null)]
    [InlineData("webm", null)]
    [InlineData("mp3", null)]
    [InlineData("ogg", null)]
    public async Task CommitAsync_FfmpegWritingTheFile_BlobIsExactlyWhatFfmpegWroteAndPlays(string muxer, string? movflags)
    {
        var token = FfmpegTools.Timeout(120);
        var path = Path.Combine(folder.FullName, $"out.{muxer}");
        var blob = await NewBlobAsync(token);
        var audioOnly = muxer is "mp3" or "ogg";
        List<string> arguments = ["-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=10"];
        if (!audioOnly)
        {
            // Noise compresses badly: a file of several blocks from a few seconds of work.
            arguments.AddRange(["-f", "lavfi", "-i", "nullsrc=size=320x240:rate=25:duration=10,geq=random(1)*255:128:128", "-map", "1:v", "-map", "0:a",
                "-c:v", muxer == "webm" ? "libvpx" : "mpeg4", "-q:v", "1", "-b:v", "20M", "-deadline", "realtime", "-cpu-used", "8"]);
        }

        arguments.AddRange(["-c:a", muxer switch { "mp3" => "libmp3lame", "ogg" or "webm" => "libvorbis", _ => "aac" }]);
        arguments.AddRange(movflags is null ? [] : ["-movflags", movflags]);
        arguments.AddRange(["-f", muxer, path]);

        await using var upload = GrowingFileUpload.Start(blob, path, new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "video/test" } }, token);
        await FfmpegTools.SystemRunner().RunAsync(arguments, cancellationToken: token);
        await upload.CommitAsync(token);

        var copy = Path.Combine(folder.FullName, $"copy.{muxer}");
        await blob.DownloadToAsync(copy, token);
        Assert.Equal(await File.ReadAllBytesAsync(path, token), await File.ReadAllBytesAsync(copy, token));
        Assert.Equal("video/test", (await blob.GetPropertiesAsync(cancellationToken: token)).Value.ContentType);
        var probe = await FfmpegTools.Prober().ProbeAsync(copy, cancellationToken: token);
        Assert.InRange(probe.Duration!.Value.TotalSeconds, 9.5, 10.5);
        Assert.Equal(audioOnly, !probe.VideoStreams.Any());
    }

    [Fact]
    public async Task CommitAsync_FaststartMp4_ReusesTheMovedMediaData()
    {
        var token = FfmpegTools.Timeout(120);
        var path = Path.Combine(folder.FullName, "faststart.mp4");
        var blob = await NewBlobAsync(token);

        await using var upload = GrowingFileUpload.Start(blob, path, new CommitBlockListOptions(), token);
        await FfmpegTools.SystemRunner().RunAsync(["-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", "nullsrc=size=320x240:rate=25:duration=20,geq=random(1)*255:128:128",
            "-c:v", "mpeg4", "-q:v", "1", "-movflags", "+faststart", "-f", "mp4", path], cancellationToken: token);
        await upload.CommitAsync(token);
        // Read after the commit: blocks in flight when ffmpeg exited still land among those staged while it grew.
        var stagedWhileGrowing = upload.StagedWhileGrowing;

        // Every block moved: none would be reused where it was staged. None is read while ffmpeg moves them (staging stops
        // once the media data's size is written), but one read just before could still be caught by the move.
        Assert.True(stagedWhileGrowing >= 3, $"{stagedWhileGrowing} blocks staged while ffmpeg wrote");
        Assert.InRange(upload.BlocksReused, stagedWhileGrowing - 1, stagedWhileGrowing);
        // Blocks start at the media data: the blob opens with the header and the index in one block less than a block long,
        // and the media data's blocks follow as they were staged.
        var committed = (await blob.GetBlockListAsync(BlockListTypes.Committed, cancellationToken: token)).Value.CommittedBlocks.ToList();
        Assert.True(committed[0].SizeLong < GrowingFileUpload.BlockBytes, $"The blob starts with a block of {committed[0].SizeLong} bytes.");
        Assert.Equal(GrowingFileUpload.BlockBytes, committed[1].SizeLong);
        Assert.Equal(await File.ReadAllBytesAsync(path, token), (await blob.DownloadContentAsync(token)).Value.Content.ToArray());
    }

    [Fact]
    public async Task DisposeAsync_NeverCommitted_NoBlob()
    {
        var token = FfmpegTools.Timeout();
        var path = Path.Combine(folder.FullName, "abandoned.bin");
        var blob = await NewBlobAsync(token);
        await File.WriteAllBytesAsync(path, RandomNumberGenerator.GetBytes(GrowingFileUpload.BlockBytes + 1), token);

        await using (var upload = GrowingFileUpload.Start(blob, path, new CommitBlockListOptions(), token))
        {
            await WaitUntilAsync(() => upload.StagedWhileGrowing == 1, token);
        }

        Assert.False(await blob.ExistsAsync(token));
    }

    private async Task<BlockBlobClient> NewBlobAsync(CancellationToken cancellationToken)
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("growing");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return container.GetBlockBlobClient(Guid.NewGuid().ToString("N"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(20, cancellationToken);
        }
    }
}
