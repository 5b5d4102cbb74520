using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using MediaFunctions.Bench.Harness;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Core.Productions.Processing;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Api;
using MediaFunctions.Testing.Media;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Bench.Production;

/// <summary>
/// `./bench.sh production`: 60-minute recordings through Auphonic productions (mp3 and aac) on the real host over HTTP against
/// Azurite, each timed from its start to Done against bare ffmpeg running the same filter graph to the same two outputs in one
/// process on the local file, and how far each output's loudness is from the target, with its true peak:
/// <list type="bullet">
/// <item>speech_60min: speech-like tones, filtering and loudness only;</item>
/// <item>two_speakers_60min: two espeak-ng speakers 12 dB apart over broadband noise, with leveler, denoise, filtering and loudness;</item>
/// </list>
/// and the real-time factor of speech recognition (pocketsphinx) on five minutes of the two speakers.
/// </summary>
internal static class ProductionBenchmark
{
    private const string Key = "bench-production-key";

    private const double TargetLufs = -16;

    private const int Minutes = 60;

    private const int RecognisedMinutes = 5;

    private static readonly string MediaFolder = Path.Combine(RepositoryPaths.Root, ".bench");

    private static readonly ProductionAlgorithms LoudnessOnly = new(
        Leveler: false, 100, Denoise: false, 0, SilenceCutter: false, FillerCutter: false, CoughCutter: false, DualMono: false, Gate: false, Crossgate: false, null);

    private static readonly ProductionAlgorithms Conversation = LoudnessOnly with { Leveler = true, Denoise = true };

    public static async Task RunAsync(TextWriter output)
    {
        Directory.CreateDirectory(MediaFolder);
        var tones = await GenerateTonesAsync();
        var speakers = await GenerateSpeakersAsync();
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var host = new HostProcess(new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Auth__BootstrapKeys"] = $"bench={Key}",
                ["Jobs__MaxUploadBytes"] = (2L * 1024 * 1024 * 1024).ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            });
            await host.StartAsync();
            using var client = host.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(30);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

            await RunCaseAsync(output, client, "speech_60min", tones, LoudnessOnly);
            await RunCaseAsync(output, client, "two_speakers_60min", speakers, Conversation);
        }
        finally
        {
            await azurite.DisposeAsync();
        }

        output.WriteLine($"production.speech_recognition_rtf {await RecognitionRealTimeFactorAsync(speakers):F3} ratio");
    }

    /// <summary>One recording through a production and through bare ffmpeg: the time ratio, and the outputs' worst loudness error.</summary>
    private static async Task RunCaseAsync(TextWriter output, HttpClient client, string name, string episode, ProductionAlgorithms algorithms)
    {
        var bare = await BareFfmpegAsync(episode, algorithms);
        var (production, files) = await RunProductionAsync(client, episode, algorithms);
        output.WriteLine($"production.{name}_ratio {production / bare:F2} ratio");

        var folder = Directory.CreateTempSubdirectory("mf-bench-production-").FullName;
        try
        {
            var meter = new LoudnessAnalyser(FfmpegTools.Runner());
            foreach (var url in files)
            {
                var file = await AuphonicApi.DownloadAsync(client, url, folder, CancellationToken.None);
                var measured = await meter.MeasureAsync(file, null);
                output.WriteLine($"production.{name}_{Path.GetExtension(file).TrimStart('.')}_loudness_error_lu {Math.Abs(measured.IntegratedLoudness - TargetLufs):F2} LU");
                output.WriteLine($"production.{name}_{Path.GetExtension(file).TrimStart('.')}_true_peak {measured.TruePeak:F2} dBTP");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Seconds from the production's start to Done (polled every 100 ms), and its files' download URLs.</summary>
    private static async Task<(double Seconds, IReadOnlyList<string> Files)> RunProductionAsync(HttpClient client, string episode, ProductionAlgorithms algorithms)
    {
        var (_, created) = await AuphonicApi.SendJsonAsync(client, HttpMethod.Post, "/api/productions.json", $$"""
            {
                "metadata": {"title": "Benchmark episode"},
                "output_files": [{"format": "mp3", "bitrate": "128"}, {"format": "aac", "bitrate": "64"}],
                "algorithms": {
                    "filtering": true, "normloudness": true, "loudnesstarget": {{TargetLufs}}, "maxpeak": -1,
                    "leveler": {{(algorithms.Leveler ? "true" : "false")}}, "denoise": {{(algorithms.Denoise ? "true" : "false")}}
                }
            }
            """, CancellationToken.None);
        var uuid = AuphonicApi.Uuid(created);
        await AuphonicApi.SendFormAsync(client, $"/api/production/{uuid}/upload.json", CancellationToken.None, ("input_file", "@" + episode));
        var watch = Stopwatch.StartNew();
        await AuphonicApi.SendJsonAsync(client, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, CancellationToken.None);
        var production = await AuphonicApi.WaitForEndAsync(client, uuid, CancellationToken.None);
        var seconds = watch.Elapsed.TotalSeconds;
        var files = production.GetProperty("output_files").EnumerateArray()
            .Select(file => file.TryGetProperty("download_url", out var url) ? url.GetString() : null)
            .ToList();
        if (production.GetProperty("status").GetInt32() != 3 || files.Contains(null))
        {
            throw new InvalidOperationException($"The production did not end Done with its files: {production}");
        }

        return (seconds, [.. files.OfType<string>()]);
    }

    /// <summary>
    /// Seconds bare ffmpeg takes to write both outputs through the production's whole filter graph from the input (clean-up,
    /// leveler, gain, limiter), planned by the production's own processor from this file's measurements (not timed: the
    /// reference is the one render a hand-written command would be).
    /// </summary>
    private static async Task<double> BareFfmpegAsync(string episode, ProductionAlgorithms algorithms)
    {
        var folder = Directory.CreateTempSubdirectory("mf-bench-bare-").FullName;
        try
        {
            var runner = FfmpegTools.Runner();
            var speechOptions = Options.Create(new SpeechOptions());
            using var recognizers = new SpeechRecognizers(speechOptions, new PocketsphinxRecognizer(speechOptions));
            var processor = new ProductionAudioProcessor(new ProductionAnalysisPass(runner), new LoudnessAnalyser(runner), recognizers);
            var processed = await processor.ProcessAsync(episode,
                new ProductionAudioRequest(new LoudnessSettings(NormLoudness: true, TargetLufs, MaxPeak: -1, Filtering: true), algorithms, SpeechLikeAudio.SampleRate, 1, TimeSpan.FromMinutes(Minutes)),
                folder);
            var render = ProductionRenderPlanner.Plan(new ProductionRenderSpec(
                new ProductionRenderInput(episode, [], processed.InputPlan, TimeSpan.FromMinutes(Minutes), HasVideo: false, Channels: 1),
                null,
                null,
                [new ProductionOutputFile("mp3", 128, "bare.mp3", false, false), new ProductionOutputFile("aac", 64, "bare.m4a", false, false)],
                new ProductionMetadata { Title = "Benchmark episode" },
                [],
                null,
                [],
                folder));
            foreach (var metadata in render.MetadataFiles)
            {
                await metadata.WriteMetadataFileAsync();
            }

            var watch = Stopwatch.StartNew();
            await BenchTools.RunToolAsync(BenchTools.Ffmpeg, [.. render.Arguments]);
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Seconds pocketsphinx takes per second of audio, on the first minutes of the two speakers as the analysis writes them.</summary>
    private static async Task<double> RecognitionRealTimeFactorAsync(string speakers)
    {
        var wav = Path.Combine(MediaFolder, "recognised.wav");
        await BenchTools.RunToolAsync(BenchTools.Ffmpeg, ["-v", "error", "-y", "-t", (RecognisedMinutes * 60).ToString(CultureInfo.InvariantCulture), "-i", speakers,
            "-ar", ProductionAnalysisPass.SpeechSampleRate.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-c:a", "pcm_s16le", wav]);
        try
        {
            var recognizer = new PocketsphinxRecognizer(Options.Create(new SpeechOptions()));
            var watch = Stopwatch.StartNew();
            await recognizer.RecognizeAsync(wav, new SpeechRequest("en", ["climate", "ocean"]));
            return watch.Elapsed.TotalSeconds / (RecognisedMinutes * 60);
        }
        finally
        {
            File.Delete(wav);
        }
    }

    /// <summary>60 minutes of speech-like audio as 16-bit 48 kHz mono WAV (345 MB): one minute made, then repeated.</summary>
    private static Task<string> GenerateTonesAsync() => GenerateAsync("speech", async minute =>
        await SpeechLikeAudio.WriteAsync(minute, SpeechLikeAudio.Expression(0.1, humHz: 50), 60, CancellationToken.None));

    /// <summary>
    /// 60 minutes of a conversation as 16-bit 48 kHz mono WAV: two espeak-ng speakers taking turns, the second recorded 12 dB
    /// quieter, over white noise 40 dB under the louder one; one minute made, then repeated.
    /// </summary>
    private static Task<string> GenerateSpeakersAsync() => GenerateAsync("two-speakers", async minute =>
    {
        string[] turns =
        [
            "Welcome back to the show. Today we talk about the ocean and the weather.",
            "Thanks for having me. I study coral reefs along the coast of Australia.",
            "What changed on the reefs over the last ten years?",
            "The water got warmer, and many corals lost their colour in the summer.",
            "Is there anything our listeners can do about it at home?",
            "Use less energy, and support the people who protect the coast.",
        ];
        var parts = new List<string>();
        for (var i = 0; i < turns.Length; i++)
        {
            var part = Path.Combine(MediaFolder, $"turn-{i}.wav");
            await SynthesizedSpeech.WriteAsync(part, turns[i], CancellationToken.None, voice: i % 2 == 0 ? "en-us+klatt" : "en-us+klatt3",
                gainDecibels: i % 2 == 0 ? 0 : -12);
            parts.Add(part);
        }

        var inputs = parts.SelectMany(part => new[] { "-i", part }).ToList();
        var joined = string.Concat(parts.Select((_, i) => $"[{i}:a]apad=pad_dur=0.7[p{i}];")) + string.Concat(parts.Select((_, i) => $"[p{i}]"))
            + $"concat=n={parts.Count}:v=0:a=1,apad=whole_dur=60,atrim=0:60[speech];anoisesrc=d=60:c=white:r=48000:a=0.004[noise];[speech][noise]amix=inputs=2:normalize=0";
        await BenchTools.RunToolAsync(BenchTools.Ffmpeg, ["-v", "error", "-y", .. inputs, "-filter_complex", joined, "-ac", "1", "-c:a", "pcm_f32le", minute]);
        parts.ForEach(File.Delete);
    });

    private static async Task<string> GenerateAsync(string name, Func<string, Task> writeMinute)
    {
        var path = Path.Combine(MediaFolder, $"{name}-{Minutes}min.wav");
        if (File.Exists(path))
        {
            return path;
        }

        var minute = Path.Combine(MediaFolder, $"{name}-1min.wav");
        await writeMinute(minute);
        await BenchTools.RunToolAsync(BenchTools.Ffmpeg, ["-v", "error", "-y", "-stream_loop", (Minutes - 1).ToString(CultureInfo.InvariantCulture), "-i", minute,
            "-c:a", "pcm_s16le", "-f", "wav", path + ".part"]);
        File.Move(path + ".part", path);
        File.Delete(minute);
        return path;
    }
}
