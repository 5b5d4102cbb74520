using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Cleanup;
using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Workflows;

/// <summary>Registers the jobs, their orchestrators and activities, and what they use.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Adds <see cref="MediaJobs"/> (with the <c>Jobs</c> and <c>Sources</c> settings) and every workflow of <see cref="WorkflowCatalog"/>; needs storage and media registered.</summary>
    public static IServiceCollection AddMediaJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobOptions>().Bind(configuration.GetSection(JobOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.AddUrlSources(configuration);
        services.AddSingleton<SasLinkIssuer>();
        services.AddSingleton<FileLinkSigner>();
        services.AddSingleton<JobOutputPublisher>();
        services.AddSingleton<JobCleanupScheduler>();
        services.AddSingleton<JobFiles>();
        services.AddSingleton<MediaJobs>();
        services.AddHostedService<MediaContainersInitializer>();

        services.AddOrchestrator<ExtractAudioOrchestrator>();
        services.AddActivity<ExtractAudioActivity>();
        services.AddActivity<DeleteJobInputActivity>();
        services.AddOrchestrator<JobCleanupOrchestrator>();
        services.AddActivity<DeleteJobFilesActivity>();
        return services;
    }
}
