using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Batches;

/// <summary>
/// The batches of the service, as every endpoint uses them: a playlist, a show or a list of URLs becomes one
/// batch orchestration whose items run as jobs of one kind. A batch's id is its orchestration's instance id and
/// carries its owner's key id; its items' job ids carry the batch's.
/// </summary>
public sealed class MediaBatches(
    IOrchestrationClient orchestrations,
    BatchManifestStore manifests,
    BatchSourceResolver sources,
    UrlSourcePolicy urlPolicy,
    JobPreparation preparation,
    JobQueue queue,
    InlineStorageProtector storageProtector,
    JobFiles files,
    IOptions<BatchOptions> options,
    TimeProvider timeProvider)
{
    /// <summary>The most URLs a list batch takes in one request.</summary>
    public int MaxItems => options.Value.MaxItems;

    /// <summary>
    /// Creates a batch of the playlist, feed or media list at <paramref name="url"/>, or returns null when the URL
    /// is one item (a single job's business).
    /// </summary>
    /// <exception cref="InvalidJobInputException">A field is invalid, or the URL or webhook is not allowed.</exception>
    /// <exception cref="UnprocessableMediaException">The source is a Spotify show, holds too many items or none, or is a broken feed.</exception>
    public async Task<BatchView?> CreateFromSourceAsync(string keyId, string url, BatchRequest request, CancellationToken cancellationToken = default)
    {
        // A file name is refused only once the URL turns out to be a batch: a caller that does not know (POST /jobs)
        // passes a single job's file name here, and gets null back to start that job with it.
        Validate(request.Download is { FileName: not null } named ? request with { Download = named with { FileName = null } } : request);
        var checkedUrl = await urlPolicy.CheckAsync(url, cancellationToken);
        BatchSource? source;
        try
        {
            source = await sources.ResolveAsync(checkedUrl, options.Value.MaxItems, cancellationToken);
        }
        catch (InvalidJobInputException unusable) when (unusable.Code is BatchSourceErrors.SpotifyNotSupportedCode or BatchSourceErrors.TooLargeCode
            or BatchSourceErrors.NoMediaFoundCode or BatchSourceErrors.InvalidFeedCode)
        {
            throw new UnprocessableMediaException(unusable.Code, unusable.Message, unusable);
        }

        if (source is null)
        {
            return null;
        }

        Validate(request);
        var batchId = InstanceIds.NewFor(keyId, timeProvider.GetUtcNow());
        var items = source.Items.Select((item, index) => new BatchItem(index, BatchItem.JobIdFor(batchId, index), item.Url.AbsoluteUri, item.Title,
            item.Description, item.PublishedAt, item.Duration?.TotalSeconds, item.ImageUrl?.AbsoluteUri)).ToList();
        return await CreateAsync(keyId, batchId, request, source.Kind, checkedUrl.AbsoluteUri, source.Title, source.Description, source.ImageUrl?.AbsoluteUri,
            items, cancellationToken);
    }

    /// <summary>
    /// Creates a batch of one job per URL. A URL the address rules refuse is kept as a refused item with its
    /// error, and the others run.
    /// </summary>
    /// <exception cref="InvalidJobInputException">A field is invalid, the list is empty or too long, or the webhook is not allowed.</exception>
    public async Task<BatchView> CreateFromUrlsAsync(string keyId, IReadOnlyList<string> urls, BatchRequest request, CancellationToken cancellationToken = default)
    {
        Validate(request);
        if (urls.Count == 0)
        {
            throw new InvalidJobInputException("invalid_urls", "urls is empty: give at least one URL.");
        }

        if (urls.Count > options.Value.MaxItems)
        {
            throw new InvalidJobInputException(BatchSourceErrors.TooLargeCode, $"urls holds {urls.Count:N0} URLs; a batch takes at most {options.Value.MaxItems:N0}.");
        }

        var batchId = InstanceIds.NewFor(keyId, timeProvider.GetUtcNow());
        var items = new List<BatchItem>(urls.Count);
        foreach (var (url, index) in urls.Select((url, index) => (url, index)))
        {
            try
            {
                var checkedUrl = await urlPolicy.CheckAsync(url ?? "", cancellationToken);
                items.Add(new BatchItem(index, BatchItem.JobIdFor(batchId, index), checkedUrl.AbsoluteUri));
            }
            catch (InvalidJobInputException refused)
            {
                items.Add(new BatchItem(index, null, url ?? "", Refusal: new JobError(refused.Code, refused.Message)));
            }
        }

        return await CreateAsync(keyId, batchId, request, BatchSourceKind.List, null, null, null, null, items, cancellationToken);
    }

    /// <summary>The batch with every item, or null when the key has no such batch.</summary>
    public async Task<BatchView?> GetAsync(string keyId, string batchId, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(keyId, batchId, cancellationToken) is not var (metadata, run, manifest))
        {
            return null;
        }

        var state = BatchStates.Of(metadata);
        var started = await ReadItemJobsAsync(batchId, cancellationToken);
        var items = manifest.Items.Select(item => new BatchItemView(item, item.JobId is not { } jobId ? null
            : started.TryGetValue(jobId, out var job) ? job
            : BatchItemJobs.NotStarted(manifest, run.Template, item, state))).ToList();
        return new BatchView(batchId, state, manifest.SourceKind, manifest.SourceUrl, manifest.Title, manifest.Description, manifest.ImageUrl,
            manifest.Folder, run.Template.Kind, run.Template.Request, manifest.Paused, metadata.CreatedAt, metadata.LastUpdatedAt, items,
            metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<BatchSummary>()?.Zip : null);
    }

    /// <summary>One page of the key's batches, newest first, each with its items.</summary>
    public async Task<(IReadOnlyList<BatchView> Batches, string? ContinuationToken)> ListAsync(string keyId, int pageSize, string? continuationToken,
        CancellationToken cancellationToken = default)
    {
        var (batchIds, next) = await manifests.ListAsync(keyId, pageSize, continuationToken, cancellationToken);
        var batches = new List<BatchView>(batchIds.Count);
        foreach (var batchId in batchIds)
        {
            if (await GetAsync(keyId, batchId, cancellationToken) is { } batch)
            {
                batches.Add(batch);
            }
        }

        return (batches, next);
    }

    /// <summary>Starts a batch created paused; null when the key has no such batch.</summary>
    /// <exception cref="BatchConflictException">The batch was not created paused, or was started already.</exception>
    public async Task<BatchView?> StartAsync(string keyId, string batchId, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(keyId, batchId, cancellationToken) is not var (metadata, _, stored))
        {
            return null;
        }

        if (!stored.Paused)
        {
            throw new BatchConflictException(BatchConflictException.NotPausedCode, "The batch was not created paused: it started when it was created.");
        }

        if (BatchStates.Of(metadata) is not BatchState.Paused and var state)
        {
            throw new BatchConflictException(BatchConflictException.NotPausedCode, $"The batch was started already (it is {state.ToWire()}).");
        }

        // Marked first, so no rename can land once the orchestration may have read the items; the mark is what
        // makes a second start a conflict at once, even before the orchestration has taken the first.
        try
        {
            await manifests.UpdateAsync(keyId, batchId, manifest => manifest.Started
                ? throw new BatchConflictException(BatchConflictException.NotPausedCode, "The batch was started already.")
                : manifest with { Started = true }, cancellationToken);
        }
        catch (BatchConflictException)
        {
            // A start that marked the batch and was lost before its event: raised again (the batch takes one start).
            await orchestrations.RaiseEventAsync(batchId, BatchOrchestrator.StartEvent, true, cancellationToken);
            throw;
        }

        await orchestrations.RaiseEventAsync(batchId, BatchOrchestrator.StartEvent, true, cancellationToken);
        return await GetAsync(keyId, batchId, cancellationToken) is { } batch ? batch with { State = BatchState.Processing } : null;
    }

    /// <summary>
    /// Renames jobs of a paused batch. Every rename is checked before any is applied: one bad name or a job of
    /// another batch refuses them all. Null when the key has no such batch.
    /// </summary>
    /// <exception cref="InvalidJobInputException">A file name breaks the rules, a job id is not of this batch, or is named twice.</exception>
    /// <exception cref="BatchConflictException">The batch has started.</exception>
    public async Task<BatchView?> RenameAsync(string keyId, string batchId, IReadOnlyList<BatchRename> renames, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(keyId, batchId, cancellationToken) is not var (metadata, _, stored))
        {
            return null;
        }

        var problems = new List<string>();
        if (renames.Count == 0)
        {
            problems.Add("renames is empty: give at least one {\"job_id\", \"filename\"}.");
        }

        var jobIds = stored.Items.Select(item => item.JobId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var rename in renames)
        {
            if (!jobIds.Contains(rename.JobId ?? ""))
            {
                problems.Add($"Job '{rename.JobId}' is not a job of batch {batchId}.");
            }
            else if (DownloadRequest.FileNameProblem(rename.FileName ?? "") is { } problem)
            {
                problems.Add($"Job '{rename.JobId}': {problem}");
            }
        }

        problems.AddRange(renames.GroupBy(rename => rename.JobId).Where(named => named.Count() > 1)
            .Select(named => $"Job '{named.Key}' is renamed {named.Count()} times; give one name."));
        if (problems.Count > 0)
        {
            throw new InvalidJobInputException("invalid_renames", string.Join(" ", problems));
        }

        if (BatchStates.Of(metadata) != BatchState.Paused)
        {
            throw new BatchConflictException(BatchConflictException.NotPausedCode, "Only a paused batch can be renamed; this one has started.");
        }

        var names = renames.ToDictionary(rename => rename.JobId, rename => rename.FileName, StringComparer.Ordinal);
        await manifests.UpdateAsync(keyId, batchId, manifest => manifest.Started
            ? throw new BatchConflictException(BatchConflictException.NotPausedCode, "Only a paused batch can be renamed; this one has started.")
            : manifest with
            {
                Items = [.. manifest.Items.Select(item => item.JobId is { } id && names.TryGetValue(id, out var name) ? item with { FileName = name } : item)],
            }, cancellationToken);
        return await GetAsync(keyId, batchId, cancellationToken);
    }

    /// <summary>
    /// Cancels a batch: its orchestration and every item job still pending or running end as cancelled; items
    /// that had ended keep their results. Null when the key has no such batch.
    /// </summary>
    public async Task<BatchView?> CancelAsync(string keyId, string batchId, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(keyId, batchId, cancellationToken) is not { } batch)
        {
            return null;
        }

        if (batch.State is BatchState.Paused or BatchState.Processing)
        {
            // The batch first, so it starts no more items; then the items it had started.
            await orchestrations.TerminateInstanceAsync(batchId, "The batch was cancelled.", cancellationToken);
            await WaitEndedAsync(batchId, cancellationToken);
            foreach (var item in batch.Items.Where(item => item.Job is { State: JobState.Pending or JobState.InProgress }))
            {
                if (await orchestrations.GetInstanceAsync(item.Job!.Id, cancellationToken: cancellationToken) is { IsRunning: true })
                {
                    await orchestrations.TerminateInstanceAsync(item.Job.Id, "The batch was cancelled.", cancellationToken);
                    await WaitEndedAsync(item.Job.Id, cancellationToken);
                }
            }

            if (await orchestrations.GetInstanceAsync(WebhookDelivery.InstanceIdFor(batchId), cancellationToken: cancellationToken) is { IsRunning: true })
            {
                await orchestrations.TerminateInstanceAsync(WebhookDelivery.InstanceIdFor(batchId), "The batch was cancelled.", cancellationToken);
            }

            // A terminated batch never reaches its own end, where it would drop the caller's storage credentials.
            if (await orchestrations.GetInstanceAsync(batchId, getInputsAndOutputs: true, cancellationToken) is { } cancelled
                && cancelled.ReadInputAs<BatchRun>()!.Template.Storage is { } storage)
            {
                await storageProtector.ForgetAsync(storage, cancellationToken);
            }

            // The files kept for the zip (and a zip half written): a cancelled batch gets no zip.
            await files.DeleteAllAsync(keyId, batchId, cancellationToken);
        }

        return await GetAsync(keyId, batchId, cancellationToken);
    }

    private async Task<BatchView> CreateAsync(string keyId, string batchId, BatchRequest request, BatchSourceKind kind, string? sourceUrl,
        string? title, string? description, string? imageUrl, IReadOnlyList<BatchItem> items, CancellationToken cancellationToken)
    {
        await queue.ThrowIfFullAsync(cancellationToken);
        await preparation.CheckWebhookAsync(request.Webhook, cancellationToken);
        var storage = await preparation.SealStorageAsync(request.Storage, cancellationToken);
        var batchOptions = options.Value;
        var template = new BatchJobTemplate(request.Kind, request.Download, request.ExtractAudio, request.Persistent,
            request.ItemWebhooks ? request.Webhook : null, storage);
        var manifest = new BatchManifest(batchId, keyId, kind, sourceUrl, title, description, imageUrl, request.Download?.Folder,
            timeProvider.GetUtcNow(), request.Paused, Started: !request.Paused, items);
        var run = new BatchRun(batchId, keyId, template, items.Count, request.Paused, request.Concurrency ?? batchOptions.Concurrency,
            batchOptions.KeyConcurrencyFor(keyId), batchOptions.SlotPollInterval, batchOptions.ItemsPerGeneration, request.Webhook, BatchTally.None,
            request.Zip);
        try
        {
            await manifests.CreateAsync(manifest, cancellationToken);
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(BatchOrchestrator), run, new StartOrchestrationOptions(batchId), cancellationToken);
        }
        catch
        {
            // Nothing of a refused batch stays: neither its manifest nor the key its storage credentials were sealed under.
            await manifests.DeleteAsync(keyId, batchId, CancellationToken.None);
            if (storage is not null)
            {
                await storageProtector.ForgetAsync(storage, CancellationToken.None);
            }

            throw;
        }

        return (await GetAsync(keyId, batchId, cancellationToken))!;
    }

    private void Validate(BatchRequest request)
    {
        if (request.Validate(options.Value.Concurrency) is { Count: > 0 } errors)
        {
            throw InvalidJobInputException.InvalidFields(errors);
        }
    }

    // The batch's orchestration, its settings and its manifest, without its items' jobs: what the checks of start and rename need.
    private async Task<(OrchestrationMetadata Metadata, BatchRun Run, BatchManifest Manifest)?> ReadAsync(string keyId, string batchId,
        CancellationToken cancellationToken)
    {
        if (!InstanceIds.BelongsTo(batchId, keyId)
            || await orchestrations.GetInstanceAsync(batchId, getInputsAndOutputs: true, cancellationToken) is not { Name: nameof(BatchOrchestrator) } metadata
            || await manifests.GetAsync(keyId, batchId, cancellationToken) is not { } manifest)
        {
            return null;
        }

        return (metadata, metadata.ReadInputAs<BatchRun>()!, manifest);
    }

    // Every started item job of the batch, by id: one prefix query, paged.
    private async Task<Dictionary<string, JobView>> ReadItemJobsAsync(string batchId, CancellationToken cancellationToken)
    {
        var started = new Dictionary<string, JobView>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var page = await orchestrations.QueryInstancesAsync(new InstanceQuery
            {
                InstanceIdPrefix = batchId + "-",
                PageSize = InstanceQuery.MaxPageSize,
                ContinuationToken = continuation,
                FetchInputsAndOutputs = true,
            }, cancellationToken);
            foreach (var instance in page.Instances.Where(instance => instance.Name == nameof(BatchItemOrchestrator)))
            {
                started[instance.InstanceId] = JobView.From(instance);
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return started;
    }

    private async Task WaitEndedAsync(string instanceId, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TimeSpan.FromSeconds(30));
        await orchestrations.WaitForInstanceCompletionAsync(instanceId, cancellationToken: wait.Token);
    }
}
