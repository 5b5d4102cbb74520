using MediaFunctions.Core.Keys;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Validation;
using MediaFunctions.Core.Workflows.Productions;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Productions.Runs;

/// <summary>
/// Starts, stops, resets and deletes productions: one <see cref="ProductionOrchestrator"/> instance per run, its id kept
/// in the production's record so that only the current run ever writes to it.
/// </summary>
public sealed class ProductionRuns(ProductionStore productions, ProductionServiceRegistry services, JobFiles files, IOrchestrationClient orchestrations, TimeProvider clock)
{
    /// <summary>How long a stop or delete waits for the run's orchestration to end.</summary>
    public static readonly TimeSpan EndWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Starts a run of the production: checks that it can run (an input, its services, its chapters), clears the last
    /// run's results and schedules the orchestration. Returns the production as it now is (Waiting), or null when the key
    /// has none by that id.
    /// </summary>
    /// <exception cref="ProductionSettingsException">It is running already, or cannot run; each error names its field.</exception>
    public async Task<Production?> StartAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (await productions.GetAsync(keyId, uuid, cancellationToken) is not { } production)
        {
            return null;
        }

        ThrowIfRunning(production);
        var instanceId = InstanceIds.NewFor(keyId, clock.GetUtcNow());
        var job = await PlanAsync(production, instanceId, cancellationToken);
        await files.DeleteOutputsAsync(keyId, Production.FilesId(uuid), cancellationToken);
        var started = await productions.UpdateAsync(keyId, uuid, stored =>
        {
            ThrowIfRunning(stored);
            return stored with { Status = ProductionStatus.Waiting, State = stored.State.WithoutResults() with { RunInstanceId = instanceId } };
        }, cancellationToken);
        if (started is not null)
        {
            // Planned from the record as read above; a change that slipped in between is in the next run.
            await orchestrations.ScheduleNewOrchestrationInstanceAsync(nameof(ProductionOrchestrator), job, new StartOrchestrationOptions(instanceId), cancellationToken);
        }

        return started;
    }

    /// <summary>Checks, without starting it, that <paramref name="production"/> could start: for a request that saves and starts.</summary>
    /// <exception cref="ProductionSettingsException">It cannot run; each error names its field.</exception>
    public Task CheckAsync(Production production, CancellationToken cancellationToken = default) =>
        PlanAsync(production, InstanceIds.PrefixFor(production.KeyId), cancellationToken);

    /// <summary>
    /// Stops a running production: its orchestration is terminated (a render under way sees it and stops its ffmpeg), and
    /// it is left as saved, its input kept, without results. A production that is not running is left as it is.
    /// </summary>
    /// <returns>The production as it now is, or null when the key has none by that id.</returns>
    public async Task<Production?> StopAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (await productions.GetAsync(keyId, uuid, cancellationToken) is not { } production)
        {
            return null;
        }

        if (!production.IsRunning)
        {
            return production;
        }

        await EndRunAsync(production.State.RunInstanceId, "The production was stopped.", cancellationToken);
        await files.DeleteOutputsAsync(keyId, Production.FilesId(uuid), cancellationToken);
        return await productions.UpdateAsync(keyId, uuid, stored => stored.State.RunInstanceId != production.State.RunInstanceId
            ? stored
            : stored with { Status = ProductionStatus.ForSaved(stored.Fields), State = stored.State.WithoutResults() }, cancellationToken);
    }

    /// <summary>Removes the last run's results (files and outcome), for an update with <c>reset_data</c>.</summary>
    public Task ClearResultsAsync(string keyId, string uuid, CancellationToken cancellationToken = default) =>
        files.DeleteOutputsAsync(keyId, Production.FilesId(uuid), cancellationToken);

    /// <summary>Deletes the production: its run ends, its files (inputs and results) and its record go.</summary>
    /// <returns>False when the key has none by that id.</returns>
    public async Task<bool> DeleteAsync(string keyId, string uuid, CancellationToken cancellationToken = default)
    {
        if (await productions.GetAsync(keyId, uuid, cancellationToken) is not { } production)
        {
            return false;
        }

        await EndRunAsync(production.State.RunInstanceId, "The production was deleted.", cancellationToken);
        await files.DeleteAllAsync(keyId, Production.FilesId(uuid), cancellationToken);
        var deleted = await productions.DeleteAsync(keyId, uuid, cancellationToken);
        if (production.State.RunInstanceId is { } instanceId)
        {
            await orchestrations.PurgeInstanceAsync(instanceId, cancellationToken);
        }

        return deleted;
    }

    /// <exception cref="ProductionSettingsException">The production is running.</exception>
    public static void ThrowIfRunning(Production production)
    {
        if (production.IsRunning)
        {
            throw new ProductionSettingsException([new(ProductionFields.Action,
                $"The production is running ({ProductionStatus.Describe(production.Status)}); stop it (stop.json) before changing or starting it.")]);
        }
    }

    private async Task<ProductionJob> PlanAsync(Production production, string instanceId, CancellationToken cancellationToken)
    {
        var job = ProductionRunPlanner.Plan(production, instanceId);
        var errors = new List<ValidationError>();
        foreach (var source in new[] { job.Main, job.Intro, job.Outro })
        {
            if (source?.ServiceUuid is { } uuid && await services.FindAsync(job.KeyId, uuid, cancellationToken) is not { Incoming: true })
            {
                errors.Add(new(source.Field == ProductionFields.InputFile ? ProductionFields.Service : ProductionFields.MultiInputFiles,
                    $"No service with uuid '{uuid}' that files can be read from exists for this API key (services.json lists them)."));
            }
        }

        foreach (var uuid in job.OutgoingServices)
        {
            if (await services.FindAsync(job.KeyId, uuid, cancellationToken) is not { Outgoing: true })
            {
                errors.Add(new(ProductionFields.OutgoingServices, $"No service with uuid '{uuid}' that files can be sent to exists for this API key (services.json lists them)."));
            }
        }

        return errors.Count > 0 ? throw new ProductionSettingsException(errors) : job;
    }

    private async Task EndRunAsync(string? instanceId, string reason, CancellationToken cancellationToken)
    {
        if (instanceId is null || await orchestrations.GetInstanceAsync(instanceId, cancellationToken: cancellationToken) is not { IsRunning: true })
        {
            return;
        }

        await orchestrations.TerminateInstanceAsync(instanceId, reason, cancellationToken);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(EndWait);
        try
        {
            await orchestrations.WaitForInstanceCompletionAsync(instanceId, cancellationToken: wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Terminated but not yet seen to end: its activities still see it as ended and stop.
        }
    }
}
