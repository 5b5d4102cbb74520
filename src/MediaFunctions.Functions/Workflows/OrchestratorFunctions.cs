using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Deletion;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Productions;
using MediaFunctions.Core.Workflows.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace MediaFunctions.Functions.Workflows;

/// <summary>One orchestration trigger per orchestrator of <see cref="Core.Workflows.WorkflowCatalog"/>, named as the engine names it.</summary>
public sealed class OrchestratorFunctions(WorkflowInvoker workflows)
{
    [Function(nameof(ExtractAudioOrchestrator))]
    public Task<object?> RunExtractAudioOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(DownloadOrchestrator))]
    public Task<object?> RunDownloadOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(BatchOrchestrator))]
    public Task<object?> RunBatchOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(BatchItemOrchestrator))]
    public Task<object?> RunBatchItemOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(JobCleanupOrchestrator))]
    public Task<object?> RunJobCleanupOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(WebhookDeliveryOrchestrator))]
    public Task<object?> RunWebhookDeliveryOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(JobDeletionOrchestrator))]
    public Task<object?> RunJobDeletionOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);

    [Function(nameof(ProductionOrchestrator))]
    public Task<object?> RunProductionOrchestratorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        workflows.RunOrchestratorAsync(context);
}
