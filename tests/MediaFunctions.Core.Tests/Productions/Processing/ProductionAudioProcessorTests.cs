using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Productions.Processing;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Testing.Media;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Productions.Processing;

/// <summary>
/// A production's main audio through <see cref="ProductionAudioProcessor"/> and then its plan, as the render plays it: the
/// cutters remove what the speech recogniser found (fillers, coughs) and nothing else, dual-mono becomes mono, and what has no
/// recogniser here is reported.
/// </summary>
public sealed class ProductionAudioProcessorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly ProductionAlgorithms Nothing = new(
        Leveler: false, 100, Denoise: false, 0, SilenceCutter: false, FillerCutter: false, CoughCutter: false, DualMono: false, Gate: false, Crossgate: false, null);

    private static readonly LoudnessSettings Loudness = new(NormLoudness: true, -16, -1, Filtering: false);

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-processor-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FillerCutter_CutsTheUmAndUhAndNoSpeech(bool on)
    {
        var token = FfmpegTools.Timeout(180);
        var (recording, parts) = await RecordAsync(["The weather was cold this morning.", "um", "We walked to the station together.", "uh", "The train arrived ten minutes late."], token);
        using var recognizers = Recognizers();

        var processed = await Processor(recognizers).ProcessAsync(recording, new ProductionAudioRequest(Loudness, Nothing with { FillerCutter = on }, 48_000, 1, TimeSpan.FromSeconds(30)), _folder, token);

        var fillers = parts.Where(part => part.Text is "um" or "uh").ToList();
        var sentences = parts.Except(fillers).ToList();
        output.WriteLine($"fillers at {string.Join(", ", fillers.Select(filler => $"{filler.Start:0.00}–{filler.End:0.00} s"))}; cuts: {Describe(processed.Cuts.Spans)}");
        var (before, after) = await LengthsAsync(recording, processed, token);
        output.WriteLine($"{before:0.000} s → {after:0.000} s");
        Assert.DoesNotContain(processed.Cuts.Spans, cut => sentences.Any(sentence => Overlaps(cut, sentence.Start + 0.1, sentence.End - 0.1)));
        if (on)
        {
            Assert.All(fillers, filler => Assert.Contains(processed.Cuts.Spans, cut => Overlaps(cut, filler.Start, filler.End)));
            Assert.True(before - after >= 0.3, $"only {before - after:0.000} s cut");
        }
        else
        {
            Assert.Empty(processed.Cuts.Spans);
            Assert.Equal(before, after, 0.01);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CoughCutter_CutsCoughsTheRecogniserHearsAndNoSpeech(bool on)
    {
        var token = FfmpegTools.Timeout(180);
        const string cough = "anoisesrc=d=0.3:c=pink:a=0.5:seed={0},afade=t=in:d=0.005,afade=t=out:st=0.05:d=0.25";
        var (recording, parts) = await RecordAsync(
        [
            "The weather was cold this morning.", string.Format(CultureInfo.InvariantCulture, cough, 1), "We walked to the station together.",
            string.Format(CultureInfo.InvariantCulture, cough, 4), "The train arrived ten minutes late.", string.Format(CultureInfo.InvariantCulture, cough, 5),
            "We bought coffee at the kiosk.", string.Format(CultureInfo.InvariantCulture, cough, 6),
        ], token);
        using var recognizers = Recognizers();

        var processed = await Processor(recognizers).ProcessAsync(recording, new ProductionAudioRequest(Loudness, Nothing with { CoughCutter = on }, 48_000, 1, TimeSpan.FromSeconds(30)), _folder, token);

        var coughs = parts.Where(part => part.Text.StartsWith("anoisesrc", StringComparison.Ordinal)).ToList();
        var sentences = parts.Except(coughs).ToList();
        var cut = coughs.Count(c => processed.Cuts.Spans.Any(span => Overlaps(span, c.Start, c.End)));
        output.WriteLine($"coughs at {string.Join(", ", coughs.Select(c => $"{c.Start:0.00} s"))}; cuts: {Describe(processed.Cuts.Spans)}; {cut} of {coughs.Count} cut");
        Assert.DoesNotContain(processed.Cuts.Spans, span => sentences.Any(sentence => Overlaps(span, sentence.Start + 0.1, sentence.End - 0.1)));
        if (on)
        {
            Assert.True(cut >= coughs.Count / 2, $"{cut} of {coughs.Count} coughs cut");
        }
        else
        {
            Assert.Empty(processed.Cuts.Spans);
        }
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public async Task DualMono_StereoWithOneSignalOnBothChannels_ProcessedAsMono(bool dualMono, int channels)
    {
        var token = FfmpegTools.Timeout(120);
        var (mono, _) = await RecordAsync(["The weather was cold this morning."], token);
        var stereo = Path.Combine(_folder, "stereo.wav");
        await FfmpegTools.Runner().RunAsync(["-hide_banner", "-loglevel", "error", "-y", "-i", mono, "-ac", "2", "-c:a", "pcm_f32le", stereo], cancellationToken: token);
        using var recognizers = Recognizers();

        var processed = await Processor(recognizers).ProcessAsync(stereo,
            new ProductionAudioRequest(Loudness with { Filtering = true }, Nothing with { DualMono = dualMono, Denoise = true }, 48_000, 2, TimeSpan.FromSeconds(30)), _folder, token);

        var probe = await FfmpegTools.Prober().ProbeAsync(processed.ProcessedPath!, cancellationToken: token);
        output.WriteLine($"dualmono {dualMono}: {processed.Channels} channel(s), the kept audio has {probe.PrimaryAudioStream!.Channels}");
        Assert.Equal(channels, processed.Channels);
        Assert.Equal(channels, probe.PrimaryAudioStream.Channels);
    }

    [Fact]
    public async Task LanguageWithoutRecogniser_TheCuttersAndTheTranscriptReportedNotApplied()
    {
        var token = FfmpegTools.Timeout(120);
        var (recording, _) = await RecordAsync(["The weather was cold this morning.", "um", "We walked to the station together."], token);
        using var recognizers = Recognizers();

        var processed = await Processor(recognizers).ProcessAsync(recording,
            new ProductionAudioRequest(Loudness, Nothing with { FillerCutter = true, Speech = new ProductionSpeechRequest("de", [], false) }, 48_000, 1, TimeSpan.FromSeconds(30)), _folder, token);

        output.WriteLine(string.Join(Environment.NewLine, processed.Warnings));
        Assert.Null(processed.Transcript);
        Assert.Empty(processed.Cuts.Spans);
        Assert.Contains(processed.Warnings, warning => warning.Contains("language 'de'", StringComparison.Ordinal));
        Assert.Contains(processed.Warnings, warning => warning.StartsWith("filler_cutter was not applied", StringComparison.Ordinal));
    }

    private static SpeechRecognizers Recognizers() =>
        new ServiceCollection().AddSpeechRecognition(new ConfigurationBuilder().Build()).BuildServiceProvider().GetRequiredService<SpeechRecognizers>();

    private static ProductionAudioProcessor Processor(SpeechRecognizers recognizers) =>
        new(new ProductionAnalysisPass(FfmpegTools.Runner()), new LoudnessAnalyser(FfmpegTools.Runner()), recognizers);

    private static bool Overlaps(TimeRange cut, double start, double end) => cut.Start.TotalSeconds < end && cut.End.TotalSeconds > start;

    private static string Describe(IEnumerable<TimeRange> spans) =>
        string.Join(", ", spans.Select(span => $"{span.Start.TotalSeconds:0.00}–{span.End.TotalSeconds:0.00} s"));

    /// <summary>Speaks (or, for a lavfi source, renders) each part with 0.5 s between them; returns the file and where each part lies.</summary>
    private async Task<(string Path, List<(string Text, double Start, double End)> Parts)> RecordAsync(IReadOnlyList<string> texts, CancellationToken token)
    {
        var parts = new List<(string Text, double Start, double End)>();
        var files = new List<(string Path, double At, double Gain)>();
        var at = 0.5;
        for (var i = 0; i < texts.Count; i++)
        {
            var part = Path.Combine(_folder, $"part-{i}.wav");
            double length;
            if (texts[i].StartsWith("anoisesrc", StringComparison.Ordinal))
            {
                await FfmpegTools.Runner().RunAsync(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", texts[i], "-ar", "48000", "-ac", "1", "-c:a", "pcm_f32le", part],
                    cancellationToken: token);
                length = (await FfmpegTools.Prober().ProbeAsync(part, cancellationToken: token)).Duration!.Value.TotalSeconds;
            }
            else
            {
                length = (await SynthesizedSpeech.WriteAsync(part, texts[i], token)).TotalSeconds;
            }

            parts.Add((texts[i], at, at + length));
            files.Add((part, at, 0));
            at += length + 0.5;
        }

        var recording = Path.Combine(_folder, "recording.wav");
        await SpokenTimeline.WriteAsync(recording, files, at + 0.5, noiseAmplitude: 0.0005, token);
        return (recording, parts);
    }

    /// <summary>The input's length, and the length of what the render plays from the processed audio (or the input) through its plan.</summary>
    private static async Task<(double Before, double After)> LengthsAsync(string input, ProcessedProductionAudio processed, CancellationToken token)
    {
        var rendered = Path.Combine(Path.GetDirectoryName(input)!, "rendered.wav");
        List<string> arguments = ["-hide_banner", "-loglevel", "error", "-y", "-i", processed.ProcessedPath ?? input];
        if (processed.ProcessedPlan.AudioFilter is { } filter)
        {
            arguments.AddRange(["-af", filter]);
        }

        await FfmpegTools.Runner().RunAsync([.. arguments, "-c:a", "pcm_f32le", rendered], cancellationToken: token);
        var before = (await FfmpegTools.Prober().ProbeAsync(input, cancellationToken: token)).Duration!.Value.TotalSeconds;
        var after = (await FfmpegTools.Prober().ProbeAsync(rendered, cancellationToken: token)).Duration!.Value.TotalSeconds;
        return (before, after);
    }
}
