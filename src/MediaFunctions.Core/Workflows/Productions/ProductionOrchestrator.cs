using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>
/// One run of a production, its status kept in the production's record as Auphonic names each step: the inputs are
/// fetched (Incoming File Transfer), cleaned up, levelled, measured, transcribed and cut (Audio Processing), rendered to every
/// output file in one decode (Audio Encoding), sent to the outgoing services (Outgoing File Transfer); then Done, or Error with what went wrong, and the
/// production's webhook is told. Each step is an activity, retried on its own where a retry can help.
/// </summary>
public sealed class ProductionOrchestrator : Orchestrator<ProductionJob, int>
{
    public override async Task<int> RunAsync(IOrchestrationContext context, ProductionJob job)
    {
        var outcome = await RunStepsAsync(context, job);
        await context.CallActivityAsync(nameof(RecordProductionRunActivity), outcome, RetryPolicies.Storage);
        if (job.Webhook is { } webhook)
        {
            await context.CallBestEffortAsync(nameof(NotifyProductionEndedActivity),
                new ProductionEnd(job.KeyId, job.Uuid, job.InstanceId, webhook, outcome.Status));
        }

        return outcome.Status;
    }

    private static async Task<ProductionRunRecord> RunStepsAsync(IOrchestrationContext context, ProductionJob job)
    {
        try
        {
            await SetStatusAsync(context, job, ProductionStatus.IncomingFileTransfer);
            var inputs = await context.CallActivityAsync<ProductionInputs>(nameof(FetchProductionInputsActivity), job);
            await SetStatusAsync(context, job, ProductionStatus.AudioProcessing);
            var analysed = await context.CallActivityAsync<ProductionAnalysed>(nameof(AnalyseProductionActivity), new ProductionAnalysis(job, inputs));
            await SetStatusAsync(context, job, ProductionStatus.AudioEncoding);
            var rendered = await context.CallActivityAsync<ProductionRendered>(nameof(RenderProductionActivity), new ProductionRender(job, inputs, analysed));
            var warnings = job.NotApplied.Select(name => $"{name} was asked for and is not applied: this server has no model for it.").Concat(analysed.Warnings).ToList();
            if (job.OutgoingServices.Count > 0)
            {
                await SetStatusAsync(context, job, ProductionStatus.OutgoingFileTransfer);
                foreach (var service in job.OutgoingServices)
                {
                    // A service that will not take the files does not undo the production: its files stay, with a warning.
                    try
                    {
                        await context.CallActivityAsync(nameof(TransferProductionActivity), new ProductionTransfer(job, service, rendered.Files), RetryPolicies.Storage);
                    }
                    catch (TaskFailedException failed)
                    {
                        warnings.Add($"Sending the files to service {service} failed: {JobError.From(failed.FailureDetails).Message}");
                    }
                }
            }

            return new ProductionRunRecord(job.KeyId, job.Uuid, job.InstanceId, ProductionStatus.Done, rendered.Files, null, warnings, rendered.LengthSeconds,
                analysed.TranscriptBlob);
        }
        catch (TaskFailedException failure)
        {
            return new ProductionRunRecord(job.KeyId, job.Uuid, job.InstanceId, ProductionStatus.Error, [],
                JobError.From(failure.FailureDetails).Message, [], null);
        }
    }

    private static Task SetStatusAsync(IOrchestrationContext context, ProductionJob job, int status) =>
        context.CallActivityAsync(nameof(RecordProductionRunActivity),
            new ProductionRunRecord(job.KeyId, job.Uuid, job.InstanceId, status, [], null, [], null), RetryPolicies.Storage);
}

/// <summary>The input of <see cref="AnalyseProductionActivity"/>.</summary>
public sealed record ProductionAnalysis(ProductionJob Job, ProductionInputs Inputs);

/// <summary>The input of <see cref="RenderProductionActivity"/>.</summary>
public sealed record ProductionRender(ProductionJob Job, ProductionInputs Inputs, ProductionAnalysed Analysed);

/// <summary>What <see cref="RenderProductionActivity"/> stored: the files, and the produced audio's length.</summary>
public sealed record ProductionRendered(IReadOnlyList<ProductionResultFile> Files, double LengthSeconds);

/// <summary>The input of <see cref="TransferProductionActivity"/>.</summary>
public sealed record ProductionTransfer(ProductionJob Job, string ServiceUuid, IReadOnlyList<ProductionResultFile> Files);
