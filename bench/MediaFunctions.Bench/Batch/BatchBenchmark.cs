using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MediaFunctions.Bench.Harness;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Bench.Batch;

/// <summary>
/// `./bench.sh batch`: batches (<c>POST /api/batches</c>) through the real host over HTTP against Azurite, their
/// items read from a local origin: 20 distinct 10 s 720p clips re-encoded to H.264 against bare ffmpeg doing the
/// same encodes, and how long 1,000 tiny items take.
/// </summary>
internal static class BatchBenchmark
{
    private const string Key = "bench-batch-key";
    private const int ClipCount = 20;
    private const int ClipSeconds = 10;
    private const int TinyItemCount = 1000;
    private const int TinyConcurrency = 8;

    // Only the origin's media lives here: the static server serves the whole folder.
    private static readonly string MediaFolder = Path.Combine(RepositoryPaths.Root, ".bench", "batch");

    public static async Task RunAsync(TextWriter output)
    {
        await using var origin = await BatchItemOrigin.StartAsync(MediaFolder);
        var clips = await origin.AddVideoClipsAsync("clip", ClipCount, ClipSeconds, 1280, 720);
        var tiny = (await origin.AddAudioClipsAsync("tiny", 1, 0.2))[0];
        var tinyList = await origin.WriteListAsync("tiny-1000.m3u", Enumerable.Repeat(tiny, TinyItemCount));

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var concurrency = Math.Max(Environment.ProcessorCount, TinyConcurrency).ToString(CultureInfo.InvariantCulture);
            await using var host = new HostProcess(new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Auth__BootstrapKeys"] = $"bench={Key}",
                ["Sources__AllowPrivateNetworks"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
                // Lets the 1,000-item batch ask for 8 at once; the 20-clip batch asks for the processor count, the default.
                ["Batches__Concurrency"] = concurrency,
                ["Batches__KeyConcurrency"] = concurrency,
                ["Durable__MaxConcurrentActivities"] = concurrency,
            });
            await host.StartAsync();
            using var client = host.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(10);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            await using var webhooks = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, CancellationToken.None);
            var batches = new BatchRunner(client, webhooks);

            // Warm-up: the first batch pays for JIT and connection set-up.
            await batches.RunAsync(new { kind = "download", urls = new[] { clips[0].AbsoluteUri }, video_codec = "h264", clip_end = 1, webhook_url = webhooks.Url });

            // This machine's speed drifts by a third within minutes (other tenants): bare, batch, batch, bare (each
            // side's mean sits at the same moment), with the encodes by hand between the batches.
            var clipBatch = new
            {
                kind = "download",
                urls = clips.Select(clip => clip.AbsoluteUri).ToArray(),
                video_codec = "h264",
                concurrency = Environment.ProcessorCount,
                webhook_url = webhooks.Url,
            };
            var bare = await BareEncodesOneCoreEachAsync(clips);
            var batch = await batches.RunAsync(clipBatch);
            var byHand = await BareEncodesByHandAsync(clips);
            batch += await batches.RunAsync(clipBatch);
            bare += await BareEncodesOneCoreEachAsync(clips);
            output.WriteLine($"batch.20x10s_ratio {batch / (bare / Environment.ProcessorCount):F2} ratio");
            output.WriteLine($"batch.20x10s_vs_bare_by_hand_ratio {batch / 2 / byHand:F2} ratio");
            output.WriteLine($"batch.20x10s_s {batch / 2:F1} s");

            var cpuBefore = BenchTools.CpuSeconds(host.ProcessId);
            var tinySeconds = await batches.RunAsync(new
            {
                kind = "extract-audio",
                url = tinyList.AbsoluteUri,
                output_format = "mp3",
                full_audio = true,
                concurrency = TinyConcurrency,
                webhook_url = webhooks.Url,
            });
            output.WriteLine($"batch.1000_tiny_items_s {tinySeconds:F1} s");
            output.WriteLine($"batch.1000_tiny_items_host_cpu_s {BenchTools.CpuSeconds(host.ProcessId) - cpuBefore:F1} s");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    // The figure divides the sum of the bare encodes by the cores, which assumes each bare encode keeps one
    // core busy: so each is timed on one thread. Returns the sum of their wall times.
    private static async Task<double> BareEncodesOneCoreEachAsync(IReadOnlyList<Uri> clips)
    {
        var sum = 0.0;
        foreach (var clip in clips)
        {
            var watch = Stopwatch.StartNew();
            await BareEncodeAsync(clip, ["-threads", "1"], "bare.mp4");
            sum += watch.Elapsed.TotalSeconds;
        }

        return sum;
    }

    // What someone would do by hand on this machine: the same encodes, as many at once as it has cores, each with
    // ffmpeg's own choice of threads (xargs -P). Returns the wall time.
    private static async Task<double> BareEncodesByHandAsync(IReadOnlyList<Uri> clips)
    {
        var watch = Stopwatch.StartNew();
        var next = -1;
        var lanes = Enumerable.Range(0, Environment.ProcessorCount).Select(async lane =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < clips.Count)
            {
                await BareEncodeAsync(clips[index], [], $"bare-{lane}.mp4");
            }
        });
        await Task.WhenAll(lanes);
        return watch.Elapsed.TotalSeconds;
    }

    // The encode a download job with video_codec h264 plans for these clips (MPEG-4 video, AAC audio copied), from the same URL.
    private static Task BareEncodeAsync(Uri clip, string[] threads, string outputName) =>
        BenchTools.RunToolAsync(BenchTools.Ffmpeg, ["-v", "error", "-y", .. threads, "-i", clip.AbsoluteUri,
            "-map", "0:v:0", "-c:v", "libx264", "-crf", "23", "-preset", "veryfast", "-pix_fmt", "yuv420p",
            "-map", "0:a:0", "-c:a", "copy", .. threads, "-movflags", "+faststart", "-f", "mp4", Path.Combine(MediaFolder, outputName)]);

    /// <summary>
    /// Runs batches through the API and times each from its POST until its webhook arrives: the batch's end as its
    /// caller hears it, without a poll loop taking CPU from the batch it times.
    /// </summary>
    private sealed class BatchRunner(HttpClient client, WebhookReceiver webhooks)
    {
        private int _ended;

        /// <summary>Seconds the batch took; throws unless every item completed.</summary>
        public async Task<double> RunAsync(object body)
        {
            var watch = Stopwatch.StartNew();
            using var accepted = await client.PostAsJsonAsync(new Uri("/api/batches", UriKind.Relative), body);
            if (accepted.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"The batch was not accepted: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
            await webhooks.WaitForAsync(++_ended, timeout.Token);
            var seconds = watch.Elapsed.TotalSeconds;
            var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetString();
            var batch = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/batches/{id}", UriKind.Relative));
            return batch.GetProperty("completed").GetInt32() == batch.GetProperty("total").GetInt32()
                ? seconds
                : throw new InvalidOperationException($"Not every item completed: {batch}");
        }
    }
}
