using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using MediaFunctions.Bench.Harness;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Api;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Bench.Production;

/// <summary>
/// `./bench.sh production`: a 60-minute speech recording through an Auphonic production (filtering and loudness, mp3 and
/// aac) on the real host over HTTP against Azurite, timed from its start to Done, against bare ffmpeg running the same
/// filter graph to the same two outputs in one process on the local file; and how far each output's loudness is from
/// the target.
/// </summary>
internal static class ProductionBenchmark
{
    private const string Key = "bench-production-key";

    private const double TargetLufs = -16;

    private const int Minutes = 60;

    private static readonly string MediaFolder = Path.Combine(RepositoryPaths.Root, ".bench");

    public static async Task RunAsync(TextWriter output)
    {
        Directory.CreateDirectory(MediaFolder);
        var episode = await GenerateAsync();
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
            var settings = new LoudnessSettings(NormLoudness: true, TargetLufs, MaxPeak: -1, Filtering: true);

            var bare = await BareFfmpegAsync(episode, settings);
            var (production, files) = await RunProductionAsync(client, episode);
            output.WriteLine($"production.speech_60min_ratio {production / bare:F2} ratio");

            var folder = Directory.CreateTempSubdirectory("mf-bench-production-").FullName;
            try
            {
                var meter = new LoudnessAnalyser(FfmpegTools.Runner());
                var worst = 0.0;
                foreach (var url in files)
                {
                    var file = await AuphonicApi.DownloadAsync(client, url, folder, CancellationToken.None);
                    var measured = await meter.MeasureAsync(file, null);
                    worst = Math.Max(worst, Math.Abs(measured.IntegratedLoudness - TargetLufs));
                }

                output.WriteLine($"production.loudness_error_lu {worst:F2} LU");
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Seconds from the production's start to Done (polled every 100 ms), and its files' download URLs.</summary>
    private static async Task<(double Seconds, IReadOnlyList<string> Files)> RunProductionAsync(HttpClient client, string episode)
    {
        var (_, created) = await AuphonicApi.SendJsonAsync(client, HttpMethod.Post, "/api/productions.json", $$"""
            {
                "metadata": {"title": "Benchmark episode"},
                "output_files": [{"format": "mp3", "bitrate": "128"}, {"format": "aac", "bitrate": "64"}],
                "algorithms": {"filtering": true, "normloudness": true, "loudnesstarget": {{TargetLufs}}, "maxpeak": -1}
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
    /// Seconds bare ffmpeg takes to write both outputs through the production's own filter graph, planned from this file's
    /// measurement (not timed: the reference is the one render a hand-written command would be).
    /// </summary>
    private static async Task<double> BareFfmpegAsync(string episode, LoudnessSettings settings)
    {
        var plan = await new LoudnessAnalyser(FfmpegTools.Runner()).PlanAsync(episode, settings, SpeechLikeAudio.SampleRate);
        var folder = Directory.CreateTempSubdirectory("mf-bench-bare-").FullName;
        try
        {
            var render = ProductionRenderPlanner.Plan(new ProductionRenderSpec(
                new ProductionRenderInput(episode, [], plan, TimeSpan.FromMinutes(Minutes), HasVideo: false, Channels: 1),
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

    /// <summary>60 minutes of speech-like audio as 16-bit 48 kHz mono WAV (345 MB): one minute made, then repeated.</summary>
    private static async Task<string> GenerateAsync()
    {
        var path = Path.Combine(MediaFolder, $"speech-{Minutes}min.wav");
        if (File.Exists(path))
        {
            return path;
        }

        var minute = Path.Combine(MediaFolder, "speech-1min.wav");
        await SpeechLikeAudio.WriteAsync(minute, SpeechLikeAudio.Expression(0.1, humHz: 50), 60, CancellationToken.None);
        await BenchTools.RunToolAsync(BenchTools.Ffmpeg, ["-v", "error", "-y", "-stream_loop", (Minutes - 1).ToString(CultureInfo.InvariantCulture), "-i", minute,
            "-c:a", "pcm_s16le", "-f", "wav", path + ".part"]);
        File.Move(path + ".part", path);
        File.Delete(minute);
        return path;
    }
}
