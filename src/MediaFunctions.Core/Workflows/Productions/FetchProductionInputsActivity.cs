using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>The first step of a run: its inputs (a multitrack production's tracks), and cover image staged in the productions container and probed.</summary>
public sealed class FetchProductionInputsActivity(ProductionInputFetcher fetcher, IOrchestrationClient orchestrations, TimeProvider clock)
    : Activity<ProductionJob, ProductionInputs>
{
    public override async Task<ProductionInputs> RunAsync(ActivityContext context, ProductionJob job, CancellationToken cancellationToken)
    {
        // A stopped run's fetch stops with it.
        await using var watch = new JobEndWatch(orchestrations, context.InstanceId, clock, cancellationToken);
        var token = watch.Token;
        async Task<StagedProductionInput?> Stage(ProductionSource? source) => source is null ? null : await fetcher.StageMediaAsync(job.KeyId, job.Uuid, source, token);
        var tracks = new List<StagedProductionInput>();
        foreach (var track in job.Tracks)
        {
            tracks.Add(await fetcher.StageMediaAsync(job.KeyId, job.Uuid, track.Source, token));
        }

        var main = job.IsMultitrack ? tracks[0] : await fetcher.StageMediaAsync(job.KeyId, job.Uuid, job.Main, token);
        var intro = await Stage(job.Intro);
        var outro = await Stage(job.Outro);
        var image = job.Image is null ? null : await fetcher.StageImageAsync(job.KeyId, job.Uuid, job.Image, token);
        return new ProductionInputs(main, intro, outro, image, tracks);
    }
}
