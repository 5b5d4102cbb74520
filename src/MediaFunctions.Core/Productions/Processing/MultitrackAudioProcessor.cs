using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Leveling;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Productions.Runs;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>
/// Processes a multitrack production's tracks before its render: each track measured and given its own clean-up (its
/// <c>filtering</c> and <c>denoise</c>), the gates, cross-gates and ducking decided between them from their levels, and the
/// master's leveler and loudness stage planned from their mix.
/// </summary>
public sealed class MultitrackAudioProcessor(ProductionAnalysisPass pass, MultitrackMixMeasurer mixer)
{
    /// <param name="tracks">Each track with where ffmpeg reads it, its probed length and channels.</param>
    /// <param name="request">The master's loudness and algorithms; its sample rate and channels are the mix's.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    /// <returns>The tracks as the render mixes them, and the master's plan.</returns>
    /// <exception cref="Ffmpeg.FfmpegException">ffmpeg failed.</exception>
    public async Task<(IReadOnlyList<ProductionRenderTrack> Tracks, LoudnessPlan Master)> ProcessAsync(
        IReadOnlyList<MultitrackInput> tracks, ProductionAudioRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(request);
        request.Loudness.ThrowIfInvalid();
        var measured = new List<(MultitrackInput Input, string? Filter, LevelEnvelope Envelope)>();
        foreach (var input in tracks)
        {
            // The track as it is sets where its level-dependent filters work, and its levels decide its gate.
            var asItIs = await pass.AnalyseAsync(input.Location, null, null, null, cancellationToken: cancellationToken);
            var track = input.Track;
            measured.Add((input, CleanupChain.For(track.Filtering, track.Denoise, track.DenoiseAmount, asItIs), asItIs.Envelope));
        }

        var gains = MultitrackGainPlanner.Plan(
            [.. measured.Select(track => new MultitrackTrack(track.Input.Track.Id, track.Envelope, Role(track.Input.Track.BackForeground)))],
            new MultitrackSettings(request.Algorithms.Gate, request.Algorithms.Crossgate));
        List<ProductionRenderTrack> mixed = [.. measured.Select((track, i) => new ProductionRenderTrack(
            track.Input.Track.Id, track.Input.Location, [], track.Filter, track.Input.Duration, track.Input.Channels, gains[i]))];

        string? leveler = null;
        if (request.Algorithms.Leveler)
        {
            var mix = await mixer.MeasureAsync(mixed, null, request.SampleRate, request.Channels, cancellationToken);
            leveler = mix.HasLoudness ? Leveler.Chain(request.Algorithms.LevelerStrength, mix.IntegratedLoudness) : null;
        }

        return (mixed, await mixer.PlanAsync(mixed, request.Loudness, leveler, request.SampleRate, request.Channels, cancellationToken));
    }

    /// <summary>A track's <c>backforeground</c> as the gain planner takes it.</summary>
    public static TrackRole Role(string backForeground) => backForeground switch
    {
        "foreground" => TrackRole.Foreground,
        "background" => TrackRole.Background,
        "ducking" => TrackRole.Ducking,
        "unchanged" => TrackRole.Unchanged,
        _ => TrackRole.Auto,
    };
}

/// <summary>One track of a multitrack production as <see cref="MultitrackAudioProcessor"/> reads it.</summary>
/// <param name="Track">The track's settings.</param>
/// <param name="Location">Where ffmpeg reads it.</param>
/// <param name="Duration">Its probed length.</param>
/// <param name="Channels">Its probed channels.</param>
public sealed record MultitrackInput(ProductionTrack Track, string Location, TimeSpan Duration, int Channels);
