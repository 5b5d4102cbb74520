using System.Text.Json.Nodes;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Multitrack;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Productions.Inputs;
using MediaFunctions.Core.Productions.Processing;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Productions;

/// <summary>The loudness stage of each input of a run, each planned from its own measurement.</summary>
/// <param name="Main">The main input's, the whole way from the input as staged.</param>
/// <param name="Intro">The intro's; null without one.</param>
/// <param name="Outro">The outro's; null without one.</param>
public sealed record ProductionLoudness(LoudnessPlan Main, LoudnessPlan? Intro, LoudnessPlan? Outro);

/// <summary>What the analysis of a run found and planned for its render.</summary>
/// <param name="Loudness">Each input's loudness plan.</param>
/// <param name="ProcessedBlob">The main audio cleaned up and levelled (work container), which the render reads instead of the input; null unless the denoiser ran.</param>
/// <param name="ProcessedPlan">The rest of the way from <paramref name="ProcessedBlob"/>: the cuts, the gain, the limiter.</param>
/// <param name="Channels">The main audio's channels after processing.</param>
/// <param name="Cuts">What the cutters removed from the main audio, on its own time line.</param>
/// <param name="TranscriptBlob">The transcript, as the production's <c>transcript</c> shows it; null without speech recognition.</param>
/// <param name="Subtitles">The transcript as WebVTT and SRT files, stored as results after the <c>output_files</c> entries' own; empty without speech recognition.</param>
/// <param name="Warnings">What was asked for and could not be applied, and why.</param>
/// <param name="Tracks">A multitrack production's tracks as the render mixes them (under <paramref name="ProcessedPlan"/>, the master's plan); empty for a single-track one.</param>
public sealed record ProductionAnalysed(
    ProductionLoudness Loudness,
    string? ProcessedBlob,
    LoudnessPlan ProcessedPlan,
    int Channels,
    CutList Cuts,
    string? TranscriptBlob,
    IReadOnlyList<ProductionResultFile> Subtitles,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ProductionTrackMix> Tracks);

/// <summary>One track of a multitrack production as the analysis decided it is mixed.</summary>
/// <param name="Id">The track's id.</param>
/// <param name="AudioFilter">Its clean-up chain; null when none.</param>
/// <param name="GainBlob">Its gate or ducking gain curve (work container, raw floats); null when it is mixed as it is.</param>
/// <param name="Role">Its role in the mix as decided.</param>
/// <param name="GainFrameMilliseconds">How far apart the gain curve's values are.</param>
public sealed record ProductionTrackMix(string Id, string? AudioFilter, string? GainBlob, TrackRole Role, double GainFrameMilliseconds);

/// <summary>
/// The Audio Processing step: the main audio cleaned up, levelled, transcribed and cut by <see cref="ProductionAudioProcessor"/>
/// (its result kept for the render), and each of intro and outro measured behind its filtering, so every part reaches the
/// production's target before they are joined. Every plan renders at the main input's sample rate.
/// </summary>
public sealed class AnalyseProductionActivity(
    ProductionAudioProcessor processor,
    MultitrackAudioProcessor multitrack,
    LoudnessAnalyser analyser,
    ProductionInputFetcher fetcher,
    ProductionTranscripts transcripts,
    JobOutputPublisher publisher,
    IOrchestrationClient orchestrations,
    TimeProvider clock) : Activity<ProductionAnalysis, ProductionAnalysed>
{
    public override async Task<ProductionAnalysed> RunAsync(ActivityContext context, ProductionAnalysis analysis, CancellationToken cancellationToken)
    {
        await using var watch = new JobEndWatch(orchestrations, context.InstanceId, clock, cancellationToken);
        var token = watch.Token;
        var (job, inputs) = analysis;
        var sampleRate = inputs.Main.SampleRate;
        async Task<LoudnessPlan?> Plan(StagedProductionInput? input) => input is null
            ? null
            : await analyser.PlanAsync((await fetcher.ReadLinkAsync(input.Blob, token)).AbsoluteUri, job.Loudness, sampleRate, token);

        var folder = Directory.CreateTempSubdirectory("mediafunctions-analysis-");
        try
        {
            if (job.IsMultitrack)
            {
                var mixed = await AnalyseTracksAsync(job, inputs, folder.FullName, token);
                return mixed with { Loudness = mixed.Loudness with { Intro = await Plan(inputs.Intro), Outro = await Plan(inputs.Outro) } };
            }

            var request = new ProductionAudioRequest(job.Loudness, job.Algorithms, sampleRate, inputs.Main.Channels, TimeSpan.FromSeconds(inputs.Main.DurationSeconds));
            var main = await processor.ProcessAsync((await fetcher.ReadLinkAsync(inputs.Main.Blob, token)).AbsoluteUri, request, folder.FullName, token);
            var processedBlob = main.ProcessedPath is { } processed ? await fetcher.StoreWorkFileAsync(job.KeyId, job.Uuid, "processed.flac", processed, token) : null;

            var (transcriptBlob, subtitles) = await PublishTranscriptAsync(job, inputs, main.Transcript, main.Cuts, folder.FullName, token);
            return new ProductionAnalysed(
                new ProductionLoudness(main.InputPlan, await Plan(inputs.Intro), await Plan(inputs.Outro)),
                processedBlob,
                main.ProcessedPlan,
                main.Channels,
                main.Cuts,
                transcriptBlob,
                subtitles,
                main.Warnings,
                []);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A multitrack production's tracks processed, their mix's speech recognised and cut, and their gains kept for the render.</summary>
    private async Task<ProductionAnalysed> AnalyseTracksAsync(ProductionJob job, ProductionInputs inputs, string folder, CancellationToken cancellationToken)
    {
        var tracks = new List<MultitrackInput>();
        foreach (var (track, staged) in job.Tracks.Zip(inputs.Tracks))
        {
            tracks.Add(new MultitrackInput(track, (await fetcher.ReadLinkAsync(staged.Blob, cancellationToken)).AbsoluteUri,
                TimeSpan.FromSeconds(staged.DurationSeconds), staged.Channels));
        }

        var channels = inputs.Tracks.Max(track => track.Channels) == 1 ? 1 : 2;
        var processed = await multitrack.ProcessAsync(tracks,
            new ProductionAudioRequest(job.Loudness, job.Algorithms, inputs.Main.SampleRate, channels, TimeSpan.FromSeconds(inputs.Tracks.Max(track => track.DurationSeconds))),
            folder, cancellationToken);
        var mixes = new List<ProductionTrackMix>();
        foreach (var (track, index) in processed.Tracks.Select((track, index) => (track, index)))
        {
            string? gainBlob = null;
            if (track.Gain is { IsUnity: false } gain)
            {
                var path = Path.Combine(folder, $"gain-{index}.f32");
                await gain.WriteAsync(path, cancellationToken: cancellationToken);
                gainBlob = await fetcher.StoreWorkFileAsync(job.KeyId, job.Uuid, $"gain-{index}.f32", path, cancellationToken);
            }

            mixes.Add(new ProductionTrackMix(track.Id, track.AudioFilter, gainBlob, track.Gain?.Role ?? TrackRole.Unchanged,
                (track.Gain?.FrameDuration ?? TimeSpan.Zero).TotalMilliseconds));
        }

        var (transcriptBlob, subtitles) = await PublishTranscriptAsync(job, inputs, processed.Transcript, processed.Cuts, folder, cancellationToken);
        return new ProductionAnalysed(new ProductionLoudness(processed.Master, null, null), null, processed.Master, channels, processed.Cuts,
            transcriptBlob, subtitles, processed.Warnings, mixes);
    }

    /// <summary>
    /// The transcript as the production shows it and as subtitle files, when speech recognition was asked for (one made only
    /// for the cutters is not shown); its times are the finished audio's, after the cuts and the intro.
    /// </summary>
    private async Task<(string? Blob, IReadOnlyList<ProductionResultFile> Subtitles)> PublishTranscriptAsync(
        ProductionJob job, ProductionInputs inputs, Transcript? recognised, CutList cuts, string folder, CancellationToken cancellationToken)
    {
        if (job.Algorithms.Speech is null || recognised is null)
        {
            return (null, []);
        }

        var intro = TimeSpan.FromSeconds(inputs.Intro?.DurationSeconds ?? 0);
        var transcript = recognised.MapTimes(time => cuts.MapTime(time) is { } kept ? kept + intro : null);
        var blob = await transcripts.WriteAsync(job.KeyId, job.Uuid, TranscriptJson(transcript, job.Algorithms.Speech.Shownotes), cancellationToken);
        return (blob, await PublishSubtitlesAsync(job, transcript, folder, cancellationToken));
    }

    /// <summary>Writes the transcript as <c>{base name}.vtt</c> and <c>.srt</c> and stores them with the production's files.</summary>
    private async Task<IReadOnlyList<ProductionResultFile>> PublishSubtitlesAsync(ProductionJob job, Transcript transcript, string folder, CancellationToken cancellationToken)
    {
        var files = new List<ProductionResultFile>();
        var length = transcript.Words.Count == 0 ? 0 : Math.Round(transcript.Words[^1].End.TotalSeconds, 3);
        foreach (var (ending, mimeType, write) in new (string, string, Func<TextWriter, IReadOnlyList<TranscriptWord>, CancellationToken, Task>)[]
        {
            ("vtt", "text/vtt", SubtitleFiles.WriteVttAsync),
            ("srt", "application/x-subrip", SubtitleFiles.WriteSrtAsync),
        })
        {
            var fileName = $"{job.BaseName}.{ending}";
            var path = Path.Combine(folder, fileName);
            await using (var writer = new StreamWriter(path))
            {
                await write(writer, transcript.Words, cancellationToken);
            }

            var blobName = MediaContainers.OutputBlob(job.KeyId, Production.FilesId(job.Uuid), fileName);
            await publisher.UploadAsync(blobName, path, mimeType, persistent: true, cancellationToken);
            files.Add(new ProductionResultFile(job.Outputs.Count + files.Count, "subtitle", fileName, blobName, mimeType, new FileInfo(path).Length, length, null));
        }

        return files;
    }

    /// <summary>The production's <c>transcript</c>: its text, each word, each keyword heard, and the shownotes when asked for; times in seconds.</summary>
    private static JsonObject TranscriptJson(Transcript transcript, bool shownotes)
    {
        static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 3);
        var json = new JsonObject
        {
            ["language"] = transcript.Language,
            ["engine"] = transcript.Engine,
            ["text"] = transcript.Text,
            ["words"] = new JsonArray([.. transcript.Words.Select(word => (JsonNode)new JsonObject
            {
                ["word"] = word.Text, ["start"] = Seconds(word.Start), ["end"] = Seconds(word.End), ["confidence"] = Math.Round(word.Confidence, 3),
            })]),
            ["keywords"] = new JsonArray([.. transcript.Keywords.Select(hit => (JsonNode)new JsonObject
            {
                ["keyword"] = hit.Keyword, ["start"] = Seconds(hit.Start), ["end"] = Seconds(hit.End),
            })]),
            ["unrecognizable_keywords"] = new JsonArray([.. transcript.UnspottableKeywords.Select(keyword => (JsonNode)keyword)]),
        };
        if (shownotes)
        {
            json["shownotes"] = new JsonArray([.. Shownotes.Build(transcript).Select(section => (JsonNode)new JsonObject
            {
                ["start"] = Seconds(section.Start),
                ["title"] = section.Title,
                ["key_phrases"] = new JsonArray([.. section.KeyPhrases.Select(phrase => (JsonNode)phrase)]),
            })]);
        }

        return json;
    }
}
