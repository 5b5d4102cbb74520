using MediaFunctions.Core.Batches;
using MediaFunctions.Core.Batches.Slots;
using MediaFunctions.Core.Batches.Sources;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Pages;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Webhooks;
using MediaFunctions.Core.Workflows.Batches;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.Deletion;
using MediaFunctions.Core.Workflows.Download;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MediaFunctions.Core.Workflows;

/// <summary>Registers the jobs, their orchestrators and activities, and what they use.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds the jobs (<see cref="JobAcceptance"/>, <see cref="JobViews"/>, <see cref="JobDeleter"/>), <see cref="MediaBatches"/> <see cref="MediaBatches"/> (with the <c>Jobs</c>, <c>Sources</c>, <c>Webhooks</c> and <c>Batches</c> settings) and every workflow of <see cref="WorkflowCatalog"/> but the productions' (<see cref="Productions.ProductionServiceCollectionExtensions.AddProductions"/>); needs storage and media registered.</summary>
    public static IServiceCollection AddMediaJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddUrlSources(configuration);
        services.AddInlineStorage(configuration);
        services.AddSingleton<SasLinkIssuer>();
        services.AddSingleton<FileLinkSigner>();
        services.AddSingleton<JobOutputPublisher>();
        services.AddSingleton<JobCleanupScheduler>();
        services.AddSingleton<JobFiles>();
        services.AddSingleton<JobPreparation>();
        services.AddSingleton<JobAcceptance>();
        services.AddSingleton<JobViews>();
        services.AddSingleton<JobDeleter>();
        services.AddSingleton<StableFileLinks>();
        services.AddSingleton<JobStepGuard>();
        services.AddSingleton<ExtractAudioSourceResolver>();
        services.AddSingleton<DownloadFileStore>();
        services.AddSingleton<SideFileFetcher>();
        services.AddSingleton<JobQueue>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebPageDetector>();
        services.AddSingleton<DownloadSourceResolver>();
        services.AddHostedService<MediaContainersInitializer>();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryScheduler>();
        services.AddOptions<BatchOptions>().Bind(configuration.GetSection(BatchOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddBatchSources();
        services.AddSingleton<BatchManifestStore>();
        services.AddSingleton<KeyJobSlots>();
        services.AddSingleton<MediaBatches>();
        services.AddSingleton<BatchZipFiles>();

        services.AddJobOrchestrator<ExtractAudioOrchestrator>(JobKind.ExtractAudio);
        services.AddActivity<RenderExtractAudioActivity>();
        services.AddActivity<PublishJobFilesActivity>();
        services.AddActivity<DeleteJobInputActivity>();
        services.AddJobOrchestrator<DownloadOrchestrator>(JobKind.Download);
        services.AddActivity<RenderDownloadActivity>();
        services.AddActivity<FetchPageSubtitlesActivity>();
        services.AddActivity<MakeThumbnailActivity>();
        services.AddActivity<ResolveDownloadSourceActivity>();
        services.AddActivity<ForgetInlineStorageActivity>();
        services.AddOrchestrator<JobCleanupOrchestrator>();
        services.AddActivity<DeleteJobFilesActivity>();
        services.AddActivity<NotifyJobEndedActivity>();
        services.AddActivity<NotifyJobStageActivity>();
        services.AddOrchestrator<WebhookDeliveryOrchestrator>();
        services.AddActivity<SendWebhookActivity>();
        services.AddOrchestrator<BatchOrchestrator>();
        services.AddOrchestrator<BatchItemOrchestrator>();
        services.AddActivity<ReadBatchItemsActivity>();
        services.AddActivity<TakeKeyJobSlotActivity>();
        services.AddActivity<ReleaseKeyJobSlotActivity>();
        services.AddActivity<PrepareBatchItemActivity>();
        services.AddActivity<NotifyBatchEndedActivity>();
        services.AddActivity<KeepForBatchZipActivity>();
        services.AddActivity<ZipBatchOutputsActivity>();
        services.AddOrchestrator<JobDeletionOrchestrator>();
        services.AddActivity<StopJobActivity>();
        services.AddActivity<PurgeJobActivity>();
        return services;
    }
}
