using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Rendering;

namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>
/// The part of an ffmpeg run that makes a multitrack production's mix: each track through its clean-up chain and its gain,
/// padded to the longest's length, cut where the cutters decided (every track alike, so each stays aligned with the mix),
/// then summed. Shared by the render and the master's loudness measurement, so both hear the
/// same mix.
/// </summary>
/// <remarks>
/// NOTE: a gain is an input of its own, raw floats at one value a frame (<see cref="TrackGain.WriteAsync"/>), resampled to the
/// audio's rate by straight lines (<c>phase_shift=0</c>: no ringing around a gate's edges, and a gain of 1 stays exactly 1,
/// which <c>filter_size=1</c> alone does not) and multiplied in by
/// <c>aeval</c>. A <c>volume</c> expression of t would need a term per gate opening, re-evaluated every frame: a show of an
/// hour has thousands.
/// </remarks>
internal sealed class MultitrackMixGraph
{
    private readonly IReadOnlyList<ProductionRenderTrack> tracks;
    private readonly int sampleRate;
    private readonly string layout;
    private readonly string? cutFilter;

    /// <param name="tracks">The tracks, in the mix's order.</param>
    /// <param name="workFolder">Where the gain files go.</param>
    /// <param name="sampleRate">The mix's rate.</param>
    /// <param name="channels">The mix's channels: 1 for mono, else stereo.</param>
    /// <param name="cuts">What the cutters remove from the mix's time line; null for nothing.</param>
    public MultitrackMixGraph(IReadOnlyList<ProductionRenderTrack> tracks, string workFolder, int sampleRate, int channels, CutList? cuts = null)
    {
        this.tracks = tracks;
        this.sampleRate = sampleRate;
        layout = channels == 1 ? "mono" : "stereo";
        cutFilter = cuts?.Filter(sampleRate);
        Samples = (long)Math.Round(tracks.Max(track => track.Duration).TotalSeconds * sampleRate);
        OutputSamples = cutFilter is null ? Samples : Samples - (long)Math.Round(cuts!.Removed.TotalSeconds * sampleRate);
        GainFiles = [.. tracks.Select((track, i) => track.Gain is { IsUnity: false } gain
            ? new TrackGainFile(gain, Path.Combine(workFolder, Invariant($"track{i}.gain.f32")))
            : null)];
    }

    /// <summary>The mix's length in samples before the cuts: every processed track is padded or cut to it.</summary>
    public long Samples { get; }

    /// <summary>The mix's length in samples after the cuts, to which every cut track is brought (a cut snaps to frames, so the sum is off by a few).</summary>
    public long OutputSamples { get; }

    /// <summary>The mix, as a <see cref="ProductionAnalysisPass"/> measures it: every track opened, processed and summed.</summary>
    public AnalysisSource Source() => new(InputArguments(), string.Join(';', [.. TrackChains(0, 1), Mix()]));

    /// <summary>Each track's gain file, null for a track without one; write them before ffmpeg starts.</summary>
    public IReadOnlyList<TrackGainFile?> GainFiles { get; }

    /// <summary>How many inputs <see cref="InputArguments"/> opens.</summary>
    public int InputCount => tracks.Count + GainFiles.Count(file => file is not null);

    /// <summary>The label of track <paramref name="track"/>'s processed copy number <paramref name="copy"/> (0 is the mix's).</summary>
    public static string TrackLabel(int track, int copy) => Invariant($"mt{track}c{copy}");

    /// <summary>Opens every track, then every gain file.</summary>
    public List<string> InputArguments()
    {
        var arguments = new List<string>();
        foreach (var track in tracks)
        {
            arguments.AddRange([.. track.InputArguments, "-i", track.Location]);
        }

        foreach (var file in GainFiles.OfType<TrackGainFile>())
        {
            arguments.AddRange(["-f", "f32le", "-ar", Invariant(file.Gain.FramesPerSecond), "-ac", "1", "-i", file.Path]);
        }

        return arguments;
    }

    /// <summary>
    /// The chains that make <paramref name="copies"/> processed copies of each track, labelled by <see cref="TrackLabel"/>, when
    /// the tracks are inputs <paramref name="firstInput"/>… (as <see cref="InputArguments"/> opened them).
    /// </summary>
    public List<string> TrackChains(int firstInput, int copies)
    {
        var graph = new List<string>();
        var gainInput = firstInput + tracks.Count;
        for (var i = 0; i < tracks.Count; i++)
        {
            List<string> stages = ["asetpts=PTS-STARTPTS"];
            if (tracks[i].AudioFilter is { } filter)
            {
                stages.Add(filter);
            }

            stages.Add(Invariant($"aformat=sample_fmts=fltp:sample_rates={sampleRate}:channel_layouts={layout}"));
            var source = Invariant($"[{firstInput + i}:a:0]");
            if (GainFiles[i] is not null)
            {
                graph.Add(Invariant($"{source}{string.Join(',', stages)}[mt{i}raw]"));
                graph.Add(Invariant($"[{gainInput++}:a:0]aresample={sampleRate}:filter_size=4:phase_shift=0,aformat=sample_fmts=fltp:channel_layouts=mono[mt{i}gain]"));
                // The gain is the last channel amerge makes: channel 1 of a mono track, 2 of a stereo one.
                var multiply = layout == "mono" ? "val(0)*val(1)" : "val(0)*val(2)|val(1)*val(2)";
                source = Invariant($"[mt{i}raw][mt{i}gain]");
                // amerge leaves the channels unnamed; the aformat names them again for the filters after.
                stages = [Invariant($"amerge=inputs=2,aeval=exprs={multiply}:channel_layout={layout},aformat=channel_layouts={layout}")];
            }

            stages.Add(Invariant($"apad=whole_len={Samples},atrim=end_sample={Samples},asetpts=PTS-STARTPTS"));
            if (cutFilter is not null)
            {
                stages.Add(cutFilter);
                stages.Add(Invariant($"apad=whole_len={OutputSamples},atrim=end_sample={OutputSamples},asetpts=PTS-STARTPTS"));
            }

            stages.Add(Invariant($"asplit={copies}{string.Concat(Enumerable.Range(0, copies).Select(copy => $"[{TrackLabel(i, copy)}]"))}"));
            graph.Add(source + string.Join(',', stages));
        }

        return graph;
    }

    /// <summary>The sum of every track's copy 0, unscaled (<c>normalize=0</c>: amix would otherwise divide by the track count).</summary>
    public string Mix() =>
        Invariant($"{string.Concat(Enumerable.Range(0, tracks.Count).Select(i => $"[{TrackLabel(i, 0)}]"))}amix=inputs={tracks.Count}:duration=longest:normalize=0");

    /// <summary>Writes every gain file.</summary>
    public async Task WriteGainFilesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var file in GainFiles.OfType<TrackGainFile>())
        {
            await file.Gain.WriteAsync(file.Path, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Deletes every gain file.</summary>
    public void DeleteGainFiles()
    {
        foreach (var file in GainFiles.OfType<TrackGainFile>())
        {
            File.Delete(file.Path);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
