using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Presets;
using MediaFunctions.Core.Productions.Processing;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Core.Workflows.Productions;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Productions;

/// <summary>Registers the Auphonic dialect's productions: their stores, uploads, runs, and the run's orchestrator and activities.</summary>
public static class ProductionServiceCollectionExtensions
{
    /// <summary>Adds presets, productions, their uploads, runs and external services; needs storage, media and jobs registered.</summary>
    public static IServiceCollection AddProductions(this IServiceCollection services)
    {
        services.AddSingleton<ProductionPresetStore>();
        services.AddSingleton<ProductionStore>();
        services.AddSingleton<ProductionTranscripts>();
        services.AddSingleton<ProductionUploads>();
        services.AddSingleton<ProductionInputFetcher>();
        services.AddSingleton<ProductionAudioProcessor>();
        services.AddSingleton<MultitrackAudioProcessor>();
        services.AddSingleton<ProductionRuns>();
        // External services: a connected service's webhook is signed only once an IOAuthClientSecrets is registered.
        services.AddSingleton<ProductionServiceStore>();
        services.AddSingleton<ProductionServiceStorage>();
        services.AddSingleton<ProductionServiceRegistry>();
        services.AddSingleton<ProductionServiceFiles>();
        services.AddSingleton<ProductionServiceTransfer>();
        services.AddOrchestrator<ProductionOrchestrator>();
        services.AddActivity<FetchProductionInputsActivity>();
        services.AddActivity<AnalyseProductionActivity>();
        services.AddActivity<RenderProductionActivity>();
        services.AddActivity<TransferProductionActivity>();
        services.AddActivity<RecordProductionRunActivity>();
        services.AddActivity<NotifyProductionEndedActivity>();
        return services;
    }
}
