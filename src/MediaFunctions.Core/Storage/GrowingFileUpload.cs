using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Win32.SafeHandles;

namespace MediaFunctions.Core.Storage;

/// <summary>
/// Uploads a local file to a block blob while another process (ffmpeg) is still writing it: every whole
/// block the file grows by is staged at once; when the writer is done, <see cref="CommitAsync"/> checks each
/// staged block against the finished file and commits the blob from the blocks that still hold, staging only
/// what the writer rewrote or appended since, while it goes on checking the rest. The blob is always byte for byte the
/// finished file.
/// </summary>
/// <remarks>
/// <para>Muxers seek back: MP4 patches its <c>mdat</c> size, Matroska its seek head, cues and duration, MP3 its
/// Xing header. A block is reused only if the hash of the bytes staged equals the hash of the finished file's
/// bytes where it lands, so a rewritten (or torn) block is staged again, whatever the container.</para>
/// <para>MP4's faststart rewrites the file once more, moving the media data behind the index now put in front.
/// The data moves unchanged, so each staged block is tried where it was and where the <c>mdat</c> box moved to; and the
/// blocks are laid from where the media data starts, so what the commit stages afresh is the index and header, not a whole block more.</para>
/// <para>Memory: a few blocks of <see cref="BlockBytes"/>, whatever the size: <see cref="MaxBlocksInFlight"/> while the file grows,
/// as many for each range the commit stages afresh (the header, the tail, what did not hold).</para>
/// </remarks>
public sealed class GrowingFileUpload : IAsyncDisposable
{
    /// <summary>The size of each block staged while the file grows.</summary>
    public const int BlockBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Blocks staged at once: four, as storage (Azurite's too) takes blocks fastest that way; with two, staging fell
    /// behind ffmpeg copying a 145 MB file and a third of the blocks were left for the commit.
    /// </summary>
    public const int MaxBlocksInFlight = 4;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    // NOTE: each block carries its MD5 (Azurite, given none, computes a CRC-64 in JavaScript, which halves how fast it takes blocks).
    private static readonly BlockBlobStageBlockOptions StageOptions = new() { TransferValidation = JobFiles.Md5Validation };

    private readonly BlockBlobClient _blob;
    private readonly string _path;
    private readonly CommitBlockListOptions _commit;
    private readonly CancellationTokenSource _abandoned;
    private readonly CancellationTokenSource _written = new();
    private readonly List<StagedBlock> _staged = [];
    private readonly Lock _stagedLock = new();
    private readonly TaskCompletionSource _stoppedReading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _staging;
    private int _blockCount;
    private long _firstMediaDataStart = -1;
    private uint _firstMediaDataSize;

    private GrowingFileUpload(BlockBlobClient blob, string path, CommitBlockListOptions commit, CancellationToken cancellationToken)
    {
        _blob = blob;
        _path = path;
        _commit = commit;
        _abandoned = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _staging = Task.Run(() => StageWhileWrittenAsync(_abandoned.Token), CancellationToken.None);
    }

    /// <summary>The blocks read and staged (or being staged) so far while the file grew.</summary>
    public int StagedWhileGrowing
    {
        get
        {
            lock (_stagedLock)
            {
                return _staged.Count;
            }
        }
    }

    /// <summary>The blocks staged from the finished file at commit (rewritten, moved or never seen while it grew); for tests and logs.</summary>
    public int BlocksStagedAtCommit { get; private set; }

    /// <summary>The blocks staged while the file grew that the committed blob reuses.</summary>
    public int BlocksReused { get; private set; }

    /// <summary>
    /// Starts staging <paramref name="path"/> (which may not exist yet) to <paramref name="blob"/> as it grows.
    /// </summary>
    /// <param name="commit">Headers, tags and conditions the blob is committed with.</param>
    public static GrowingFileUpload Start(BlockBlobClient blob, string path, CommitBlockListOptions commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(commit);
        return new GrowingFileUpload(blob, path, commit, cancellationToken);
    }

    /// <summary>
    /// Call once the writer has closed the file: stages what the staged blocks do not already hold and commits
    /// the blob, which then is exactly the file.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await _written.CancelAsync();
        // Every block read while the file grew is known now; the last ones may still be landing while they are checked.
        await _stoppedReading.Task;

        using var file = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.Asynchronous);
        var length = RandomAccess.GetLength(file);
        var moved = _firstMediaDataStart >= 0 && MediaDataStart(file) is >= 0 and var start ? start - _firstMediaDataStart : 0;
        // What lies past the last block read while the file grew was never staged: it goes first, while the blocks are checked.
        var ordered = _staged.OrderBy(block => block.Offset).ToList();
        var tailStart = ordered.Count == 0 ? 0 : Math.Clamp(ordered[^1].Offset + ordered[^1].Length + moved, 0, length);
        var tail = StageRangeAsync(file, tailStart, length, cancellationToken);
        // The blob's pieces in order: reused blocks, and ranges staged afresh while the rest is still being checked.
        var pieces = new List<Task<IReadOnlyList<string>>>();
        var covered = 0L;
        var shift = moved;
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            foreach (var block in ordered)
            {
                foreach (var candidate in new[] { shift, shift == 0 ? moved : 0 }.Distinct())
                {
                    var at = block.Offset + candidate;
                    if (at < covered || at + block.Length > tailStart || !await HoldsAsync(file, at, block, buffer, cancellationToken))
                    {
                        continue;
                    }

                    pieces.Add(StageRangeAsync(file, covered, at, cancellationToken));
                    pieces.Add(Task.FromResult<IReadOnlyList<string>>([block.Id]));
                    BlocksReused++;
                    covered = at + block.Length;
                    shift = candidate;
                    break;
                }
            }

            pieces.Add(StageRangeAsync(file, covered, tailStart, cancellationToken));
            pieces.Add(tail);
        }
        catch
        {
            // NOTE: the ranges being staged read the handle this method closes: they end (or fail) first.
            await Task.WhenAll(pieces.Append(tail).Select(piece => piece.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var blockIds = (await Task.WhenAll(pieces)).SelectMany(ids => ids).ToList();
        await _staging;
        BlocksStagedAtCommit = blockIds.Count - BlocksReused;
        await _blob.CommitBlockListAsync(blockIds, _commit, cancellationToken);
    }

    /// <summary>Stops staging; a blob never committed keeps only uncommitted blocks, which storage discards.</summary>
    public async ValueTask DisposeAsync()
    {
        await _abandoned.CancelAsync();
        try
        {
            await _staging;
        }
        catch (Exception ended) when (ended is OperationCanceledException or IOException or Azure.RequestFailedException)
        {
            // NOTE: an upload abandoned mid-way: its failure is the job's no longer.
        }

        _abandoned.Dispose();
        _written.Dispose();
    }

    private async Task StageWhileWrittenAsync(CancellationToken cancellationToken)
    {
        var inFlight = new Queue<Task>();
        try
        {
            await ReadGrowingFileAsync(inFlight, cancellationToken);
        }
        finally
        {
            _stoppedReading.TrySetResult();
        }

        await Task.WhenAll(inFlight);
    }

    // Starts a block's staging each time the file has grown by one, at most MaxBlocksInFlight at once, until the writer is done.
    private async Task ReadGrowingFileAsync(Queue<Task> inFlight, CancellationToken cancellationToken)
    {
        var next = -1L;
        while (!_written.IsCancellationRequested)
        {
            var length = LengthOf(_path);
            if (next < 0 && length >= BlockBytes)
            {
                // The blocks of an ISO media file start at its media data: what comes before (the header and the box
                // sizes the muxer patches, the index faststart puts there) is staged at the commit, small as it is.
                _firstMediaDataStart = MediaDataStart(_path);
                _firstMediaDataSize = _firstMediaDataStart >= 8 ? MediaDataSize() : 0;
                next = Math.Max(_firstMediaDataStart, 0);
            }

            if (next >= 0 && length - next >= BlockBytes)
            {
                if (inFlight.Count == MaxBlocksInFlight)
                {
                    await inFlight.Dequeue();
                }

                if (MediaDataClosed())
                {
                    // The muxer has written the media data's size: next come its index and, with faststart, every byte moved
                    // up, so a block read now could be torn. What is left is staged from the finished file.
                    break;
                }

                inFlight.Enqueue(await StageGrownBlockAsync(next, cancellationToken));
                next += BlockBytes;
                continue;
            }

            try
            {
                await Task.Delay(PollInterval, _written.Token);
            }
            catch (OperationCanceledException) when (_written.IsCancellationRequested)
            {
                // The writer is done: what is left is staged from the finished file.
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Reads the block at <paramref name="offset"/> and records it; returns its staging, which is still under way.</summary>
    private async Task<Task> StageGrownBlockAsync(long offset, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            using var file = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.Asynchronous);
            var read = await ReadAsync(file, offset, buffer.AsMemory(0, BlockBytes), cancellationToken);
            var id = NextBlockId();
            // Known before it lands, so the commit can check it against the finished file meanwhile.
            lock (_stagedLock)
            {
                _staged.Add(new StagedBlock(offset, read, XxHash128.HashToUInt128(buffer.AsSpan(0, read)), id));
            }

            return StageAndReturnAsync(id, buffer, read, cancellationToken);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private async Task StageAndReturnAsync(string id, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        try
        {
            await _blob.StageBlockAsync(id, new MemoryStream(buffer, 0, length, writable: false), StageOptions, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Stages <paramref name="first"/>..<paramref name="end"/> of the finished file in blocks, a few at once; returns their ids in order.</summary>
    private async Task<IReadOnlyList<string>> StageRangeAsync(SafeFileHandle file, long first, long end, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var inFlight = new Queue<Task>();
        for (var offset = first; offset < end; offset += BlockBytes)
        {
            if (inFlight.Count == MaxBlocksInFlight)
            {
                await inFlight.Dequeue();
            }

            var id = NextBlockId();
            ids.Add(id);
            inFlight.Enqueue(StageFinishedBlockAsync(file, id, offset, (int)Math.Min(BlockBytes, end - offset), cancellationToken));
        }

        await Task.WhenAll(inFlight);
        return ids;
    }

    private async Task StageFinishedBlockAsync(SafeFileHandle file, string id, long offset, int length, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var read = await ReadAsync(file, offset, buffer.AsMemory(0, length), cancellationToken);
            await _blob.StageBlockAsync(id, new MemoryStream(buffer, 0, read, writable: false), StageOptions, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<bool> HoldsAsync(SafeFileHandle file, long at, StagedBlock block, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(file, at, buffer.AsMemory(0, block.Length), cancellationToken);
        return read == block.Length && XxHash128.HashToUInt128(buffer.AsSpan(0, read)) == block.Hash;
    }

    private static async Task<int> ReadAsync(SafeFileHandle file, long offset, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await RandomAccess.ReadAsync(file, buffer[total..], offset + total, cancellationToken);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    // An MP4 muxer writes its mdat box with a size of 0 and sets it once the media data is done (a fragmented file's first
    // mdat has its size from the start, and keeps it).
    private bool MediaDataClosed() => _firstMediaDataStart >= 8 && MediaDataSize() != _firstMediaDataSize;

    private uint MediaDataSize()
    {
        using var file = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Span<byte> size = stackalloc byte[4];
        return RandomAccess.Read(file, size, _firstMediaDataStart - 8) == 4 ? BinaryPrimitives.ReadUInt32BigEndian(size) : 0;
    }

    private static long MediaDataStart(string path)
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return MediaDataStart(file);
    }

    /// <summary>
    /// Where the payload of an ISO media file's (MP4, MOV, M4A) <c>mdat</c> box starts, from its top-level box headers; -1
    /// for other files. The payload, not the box: a box that outgrows 4 GiB takes the 8 bytes before it for its larger header.
    /// </summary>
    private static long MediaDataStart(SafeFileHandle file)
    {
        const int MaxBoxes = 64;
        var length = RandomAccess.GetLength(file);
        Span<byte> header = stackalloc byte[16];
        var offset = 0L;
        for (var box = 0; box < MaxBoxes && offset + 8 <= length; box++)
        {
            var read = RandomAccess.Read(file, header, offset);
            if (read < 8)
            {
                return -1;
            }

            var type = Encoding.ASCII.GetString(header[4..8]);
            if (box == 0 && type != "ftyp")
            {
                return -1;
            }

            var size = (long)BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerSize = size == 1 ? 16 : 8;
            if (size == 1)
            {
                size = read < 16 ? 0 : (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
            }

            if (type == "mdat")
            {
                return offset + headerSize;
            }

            if (size < 8)
            {
                return -1;
            }

            offset += size;
        }

        return -1;
    }

    private static long LengthOf(string path)
    {
        try
        {
            return new FileInfo(path).Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    // Every id of a blob has the same length, as the service requires.
    private string NextBlockId() =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(Interlocked.Increment(ref _blockCount).ToString("D10", System.Globalization.CultureInfo.InvariantCulture)));

    private sealed record StagedBlock(long Offset, int Length, UInt128 Hash, string Id);
}
