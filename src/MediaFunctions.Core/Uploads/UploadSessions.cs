using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Validation;
using MediaFunctions.Core.Workflows.Cleanup;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Uploads;

/// <summary>
/// Upload sessions: a client (a browser, the CLI) writes a large file in blocks straight to storage through a write-only
/// link to one blob, resumes by asking which blocks are there, then completes it; the file is probed, and a job names it
/// as its source. The service never carries the bytes. An upload lives <see cref="UploadOptions.Lifetime"/>; then the
/// cleanup timer every job uses deletes its blob, and its record is forgotten the next time it is read.
/// </summary>
public sealed class UploadSessions(
    UploadStore store,
    BlobServiceClient blobs,
    SasLinkIssuer links,
    MediaProber prober,
    JobCleanupScheduler cleanup,
    IOptions<UploadOptions> options,
    IOptions<JobOptions> jobOptions,
    TimeProvider clock)
{
    /// <summary>The longest file name kept.</summary>
    public const int MaxNameLength = 255;

    private const int MaxListed = 20;

    private static readonly TimeSpan ProbeLinkLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Starts a session for <paramref name="size"/> bytes and issues its write link.</summary>
    /// <exception cref="InvalidJobInputException">A size under 1 byte, or a bad name.</exception>
    /// <exception cref="UploadTooLargeException">Over <see cref="JobOptions.MaxUploadBytes"/>.</exception>
    public async Task<(UploadSession Session, Uri UploadUrl)> CreateAsync(string keyId, long? size, string? name, string? contentType,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<ValidationError>();
        if (size is null or < 1)
        {
            errors.Add(new("size", "size is required: the file's length in bytes, at least 1."));
        }

        if (name is { Length: > MaxNameLength } || (name?.Any(char.IsControl) ?? false))
        {
            errors.Add(new("name", $"name must be at most {MaxNameLength} characters, without control characters."));
        }

        if (contentType is { Length: > MaxNameLength } || (contentType?.Any(char.IsControl) ?? false))
        {
            errors.Add(new("content_type", $"content_type must be at most {MaxNameLength} characters, without control characters."));
        }

        if (errors.Count > 0)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }

        var blockSize = options.Value.BlockSize;
        var cap = Math.Min(jobOptions.Value.MaxUploadBytes, (long)blockSize * UploadBlockIds.MaxBlocks);
        if (size > cap)
        {
            throw new UploadTooLargeException(cap);
        }

        var id = "up-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = clock.GetUtcNow();
        var session = new UploadSession(id, keyId, name, contentType, size!.Value, blockSize, MediaContainers.InputBlob(keyId, id), now,
            now + options.Value.Lifetime, UploadStatus.Pending);
        await store.AddAsync(session, cancellationToken);
        await cleanup.ScheduleAsync(new JobCleanup(keyId, id, session.ExpiresAt), cancellationToken);
        return (session, await UploadUrlAsync(session, cancellationToken));
    }

    /// <summary>The key's live session, or null when it has none by that id or it has expired (then it is forgotten).</summary>
    public async Task<UploadSession?> GetAsync(string keyId, string id, CancellationToken cancellationToken = default) =>
        (await GetLiveAsync(keyId, id, cancellationToken))?.Session;

    /// <summary>The session's write link (issued anew; it expires with the session).</summary>
    public Task<Uri> UploadUrlAsync(UploadSession session, CancellationToken cancellationToken = default) =>
        links.IssueWriteLinkAsync(MediaContainers.Inputs, session.BlobName, session.ExpiresAt, cancellationToken);

    /// <summary>The indexes of the blocks already in storage, ascending: what a resuming client need not send again.</summary>
    public async Task<IReadOnlyList<int>> StagedBlocksAsync(UploadSession session, CancellationToken cancellationToken = default) =>
        [.. (await BlocksAsync(session, cancellationToken)).Keys.Order()];

    /// <summary>
    /// Commits the blocks and probes the file: the session becomes ready, with what ffprobe found. A session already
    /// completed is returned as it is. Null when the key has no live session by that id.
    /// </summary>
    /// <exception cref="UnprocessableMediaException">
    /// <c>upload_incomplete</c> naming missing blocks; <c>upload_size_mismatch</c> naming a block of the wrong length;
    /// <c>invalid_media</c> when ffprobe finds no media (the blob is deleted; upload again).
    /// </exception>
    public async Task<UploadSession?> CompleteAsync(string keyId, string id, CancellationToken cancellationToken = default)
    {
        if (await GetLiveAsync(keyId, id, cancellationToken) is not var (session, etag))
        {
            return null;
        }

        if (session.Status != UploadStatus.Pending)
        {
            return session;
        }

        var blocks = await BlocksAsync(session, cancellationToken);
        var missing = Enumerable.Range(0, session.BlockCount).Where(index => !blocks.ContainsKey(index)).ToList();
        if (missing.Count > 0)
        {
            throw new UnprocessableMediaException("upload_incomplete",
                $"{missing.Count} of {session.BlockCount} blocks are not staged yet: {List(missing)}. Stage them with Put Block, then complete again.");
        }

        var wrong = Enumerable.Range(0, session.BlockCount).Where(index => blocks[index] != session.BlockLength(index)).ToList();
        if (wrong.Count > 0)
        {
            var total = Enumerable.Range(0, session.BlockCount).Sum(index => blocks[index]);
            throw new UnprocessableMediaException("upload_size_mismatch",
                $"The blocks hold {total:N0} bytes, not the {session.Size:N0} the upload was created for: "
                + string.Join("; ", wrong.Take(MaxListed).Select(index => $"block {index} has {blocks[index]:N0} bytes, not {session.BlockLength(index):N0}"))
                + $". Every block but the last has {session.BlockSize:N0} bytes.");
        }

        var blob = Blob(session);
        await blob.CommitBlockListAsync(Enumerable.Range(0, session.BlockCount).Select(UploadBlockIds.For),
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = session.ContentType } }, cancellationToken);
        MediaProbe probe;
        try
        {
            var link = await links.IssueReadLinkAsync(MediaContainers.Inputs, session.BlobName, clock.GetUtcNow() + ProbeLinkLifetime,
                cancellationToken: cancellationToken);
            probe = await prober.ProbeAsync(link.AbsoluteUri, cancellationToken: cancellationToken);
        }
        catch (MediaProbeException error)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw new UnprocessableMediaException("invalid_media", $"The uploaded file is not media ffprobe can read: {error.Message}", error);
        }

        var ready = session with
        {
            Status = UploadStatus.Ready,
            Media = new UploadMedia(probe.Duration?.TotalSeconds, string.Join(",", probe.FormatNames),
                [.. probe.Streams.Select(stream => new UploadMediaStream(stream.Index, stream.Kind.ToString().ToLowerInvariant(), stream.CodecName))]),
        };
        return await store.TryReplaceAsync(ready, etag, cancellationToken) ? ready : await GetAsync(keyId, id, cancellationToken);
    }

    /// <summary>
    /// Gives a ready upload to job <paramref name="jobId"/>, once: the job reads its blob where it is and deletes it when done.
    /// </summary>
    /// <exception cref="UnprocessableMediaException"><c>invalid_upload</c>: unknown, expired, not completed, or taken by another job.</exception>
    public async Task<UploadSession> TakeAsync(string keyId, string id, string jobId, CancellationToken cancellationToken = default)
    {
        var found = await GetLiveAsync(keyId, id, cancellationToken)
            ?? throw new UnprocessableMediaException("invalid_upload", $"No upload with id '{id}' exists for this API key (or it has expired).");
        var (session, etag) = found;
        if (session.Status == UploadStatus.Pending)
        {
            throw new UnprocessableMediaException("invalid_upload", $"Upload '{id}' is not completed: POST /api/uploads/{id}/complete first.");
        }

        if (session.Status == UploadStatus.Used || !await store.TryReplaceAsync(session with { Status = UploadStatus.Used, JobId = jobId }, etag, cancellationToken))
        {
            throw new UnprocessableMediaException("invalid_upload", $"Upload '{id}' was already given to a job; an upload feeds one job.");
        }

        return session;
    }

    /// <summary>Gives an upload taken by <paramref name="jobId"/> back, ready for another job, when that job could not start.</summary>
    public async Task ReleaseAsync(string keyId, string id, string jobId, CancellationToken cancellationToken = default)
    {
        if (await GetLiveAsync(keyId, id, cancellationToken) is var (session, etag) && session.JobId == jobId)
        {
            await store.TryReplaceAsync(session with { Status = UploadStatus.Ready, JobId = null }, etag, cancellationToken);
        }
    }

    private async Task<(UploadSession Session, ETag ETag)?> GetLiveAsync(string keyId, string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(keyId, id, cancellationToken) is not { } found)
        {
            return null;
        }

        if (clock.GetUtcNow() < found.Session.ExpiresAt)
        {
            return found;
        }

        await store.DeleteAsync(keyId, id, cancellationToken);
        return null;
    }

    private BlockBlobClient Blob(UploadSession session) =>
        blobs.GetBlobContainerClient(MediaContainers.Inputs).GetBlockBlobClient(session.BlobName);

    /// <summary>The staged (or, once completed, committed) blocks of the session's own id form, by index, with their lengths.</summary>
    private async Task<Dictionary<int, long>> BlocksAsync(UploadSession session, CancellationToken cancellationToken)
    {
        BlockList list;
        try
        {
            list = (await Blob(session).GetBlockListAsync(BlockListTypes.All, cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException error) when (error.Status == 404)
        {
            return [];
        }

        var blocks = new Dictionary<int, long>();
        foreach (var block in list.CommittedBlocks.Concat(list.UncommittedBlocks))
        {
            if (UploadBlockIds.IndexOf(block.Name) is { } index && index < session.BlockCount)
            {
                blocks[index] = block.SizeLong;
            }
        }

        return blocks;
    }

    private static string List(List<int> indexes) =>
        string.Join(", ", indexes.Take(MaxListed)) + (indexes.Count > MaxListed ? $" and {indexes.Count - MaxListed} more" : "");
}
