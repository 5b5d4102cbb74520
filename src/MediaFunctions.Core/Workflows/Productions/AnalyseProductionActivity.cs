using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>The loudness stage of each input of a run, each planned from its own measurement.</summary>
/// <param name="Main">The main input's.</param>
/// <param name="Intro">The intro's; null without one.</param>
/// <param name="Outro">The outro's; null without one.</param>
public sealed record ProductionLoudness(LoudnessPlan Main, LoudnessPlan? Intro, LoudnessPlan? Outro);

/// <summary>
/// Measures each input behind its clean-up filters and plans its loudness stage, so intro, main audio and outro each
/// reach the production's target before they are joined. Every plan renders at the main input's sample rate.
/// </summary>
public sealed class AnalyseProductionActivity(LoudnessAnalyser analyser, ProductionInputFetcher fetcher, IOrchestrationClient orchestrations, TimeProvider clock)
    : Activity<ProductionAnalysis, ProductionLoudness>
{
    public override async Task<ProductionLoudness> RunAsync(ActivityContext context, ProductionAnalysis analysis, CancellationToken cancellationToken)
    {
        await using var watch = new JobEndWatch(orchestrations, context.InstanceId, clock, cancellationToken);
        var (job, inputs) = analysis;
        async Task<LoudnessPlan?> Plan(StagedProductionInput? input) => input is null
            ? null
            : await analyser.PlanAsync((await fetcher.ReadLinkAsync(input.Blob, watch.Token)).AbsoluteUri, job.Loudness, inputs.Main.SampleRate, watch.Token);
        return new ProductionLoudness((await Plan(inputs.Main))!, await Plan(inputs.Intro), await Plan(inputs.Outro));
    }
}
