using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Bench.Extract;
using MediaFunctions.Bench.Harness;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Servers;

namespace MediaFunctions.Bench.Url;

/// <summary>
/// `./bench.sh url`: download jobs (<c>POST /jobs {url}</c>) through the real host over HTTP against Azurite,
/// reading from a local range-capable origin: what a 10 s clip from 5:00 costs the origin in bytes on four sources
/// (a 720p and a 320x180 600 s MP4, a one-hour 64 kbit/s MP3 and M4A podcast), against what the clip cannot avoid
/// reading (<see cref="ClipSpan"/>), and how a whole-file copy of a 600 s MP4 compares in wall time with bare ffmpeg
/// copying the same URL in this run.
/// </summary>
/// <remarks>
/// A job's file ends in storage, bare ffmpeg's on the local disk; so two more figures: the copy against ffmpeg
/// followed by an upload of its file to the same Azurite (what doing it by hand costs), and that upload alone
/// against bare ffmpeg, the least any job that stores its file can score on <c>url.download_copy_ratio</c> here; and
/// the ideal of a job that uploads while ffmpeg writes, the slower of the two over their sum
/// (<c>url.download_copy_ideal_ratio</c>), beside <c>url.download_copy_vs_ffmpeg_then_upload_ratio</c>. Each copy figure is
/// the median of several warm runs, with the CPU seconds each side cost the host, its ffmpeg and Azurite.
/// </remarks>
internal static class UrlBenchmark
{
    private const string Key = "bench-url-key";
    private const string MediaName = "h264-aac-360p-600s.mp4";
    private const int CopyRuns = 5;
    private const double ClipStart = 300;
    private const double ClipEnd = 310;

    private static readonly string BenchFolder = Path.Combine(RepositoryPaths.Root, ".bench");

    // Only the origin's media lives here: the static server serves the whole folder.
    private static readonly string MediaFolder = Path.Combine(BenchFolder, "url");

    private static readonly string BareCopyPath = Path.Combine(BenchFolder, "bare-url.mp4");

    public static async Task RunAsync(TextWriter output)
    {
        Directory.CreateDirectory(MediaFolder);
        var media = await GenerateAsync(MediaName, 600);
        var mediaBytes = new FileInfo(media).Length;

        await using var origin = await StaticFileServer.StartAsync(MediaFolder, CancellationToken.None);
        var url = origin.Url(MediaName);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            await using var host = new HostProcess(new Dictionary<string, string>
            {
                ["Storage__ConnectionString"] = azurite.ConnectionString,
                ["Auth__BootstrapKeys"] = $"bench={Key}",
                ["Sources__AllowPrivateNetworks"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
            });
            await host.StartAsync();
            using var client = host.CreateClient();
            client.Timeout = TimeSpan.FromMinutes(10);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

            // Warm-up: the first job pays for JIT and connection set-up.
            await RunJobAsync(client, new { url = url.AbsoluteUri, clip_start = 0, clip_end = 2 });

            origin.ResetCounts();
            await RunJobAsync(client, new { url = url.AbsoluteUri, clip_start = ClipStart, clip_end = ClipEnd });
            output.WriteLine($"url.clip_10s_of_600s_bytes_ratio {(double)origin.BytesSent / mediaBytes:F3} ratio");

            foreach (var (suffix, name) in await GenerateClipSourcesAsync())
            {
                await MeasureClipAsync(output, client, origin, suffix, name);
            }

            // Each takes about a second, so one run says more about the moment than about it: the median of several, taken in
            // turns, each from a machine that has written back what the last one wrote (a copy writes 145 MB). A first round is
            // not counted: each side's first run compiles its code (the job's relay read-ahead and staging, the client's upload).
            var runs = new List<CopyRun>();
            for (var run = 0; run <= CopyRuns; run++)
            {
                await BenchTools.RunToolAsync("sync", []);
                var bare = await MeasureAsync(() => BareFfmpegCopyAsync(url, []), Environment.ProcessId, azurite.ProcessId);
                await BenchTools.RunToolAsync("sync", []);
                var upload = await MeasureAsync(() => UploadAsync(azurite.ConnectionString, BareCopyPath), Environment.ProcessId, azurite.ProcessId);
                // The job's file has its index up front, which costs ffmpeg a second pass over it once the media is written.
                await BenchTools.RunToolAsync("sync", []);
                var bareFaststart = await MeasureAsync(() => BareFfmpegCopyAsync(url, ["-movflags", "+faststart"]), Environment.ProcessId, azurite.ProcessId);
                await BenchTools.RunToolAsync("sync", []);
                var job = await MeasureAsync(() => RunJobAsync(client, new { url = url.AbsoluteUri }), host.ProcessId, azurite.ProcessId);
                if (run > 0)
                {
                    runs.Add(new CopyRun(bare, upload, bareFaststart, job));
                }
            }

            double Median(Func<CopyRun, double> figure) => BenchTools.Median(runs.Select(figure));
            var (bareCopy, uploadAlone, jobCopy) = (Median(run => run.Bare.Seconds), Median(run => run.Upload.Seconds), Median(run => run.Job.Seconds));
            output.WriteLine($"url.download_copy_ratio {jobCopy / bareCopy:F2} ratio");
            output.WriteLine($"url.download_copy_vs_ffmpeg_then_upload_ratio {jobCopy / (bareCopy + uploadAlone):F2} ratio");
            output.WriteLine($"url.download_copy_ideal_ratio {Math.Max(bareCopy, uploadAlone) / (bareCopy + uploadAlone):F2} ratio");
            output.WriteLine($"url.upload_alone_vs_bare_ffmpeg_ratio {uploadAlone / bareCopy:F2} ratio");
            output.WriteLine($"# copy seconds, the median of {CopyRuns} runs: job {jobCopy:F2}, bare ffmpeg {bareCopy:F2}, "
                + $"bare ffmpeg with +faststart {Median(run => run.BareFaststart.Seconds):F2}, upload alone {uploadAlone:F2}");
            output.WriteLine($"# each run: job {BenchTools.Each(runs.Select(run => run.Job.Seconds))}; bare ffmpeg {BenchTools.Each(runs.Select(run => run.Bare.Seconds))}; "
                + $"upload alone {BenchTools.Each(runs.Select(run => run.Upload.Seconds))}");
            // CPU, unlike wall time, hardly depends on what else runs: where the job's work goes, against doing it by hand.
            output.WriteLine($"# copy CPU seconds, medians: job: host {Median(run => run.Job.ProcessCpu):F2}, its ffmpeg and ffprobe "
                + $"{Median(run => run.Job.ChildrenCpu):F2}, Azurite {Median(run => run.Job.AzuriteCpu):F2}; bare ffmpeg {Median(run => run.Bare.ChildrenCpu):F2}; "
                + $"upload alone: client {Median(run => run.Upload.ProcessCpu):F2}, Azurite {Median(run => run.Upload.AzuriteCpu):F2}");
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    // Seconds a run took, and the CPU seconds it cost the process that ran it (or ran the job), that process's children, and Azurite.
    private static async Task<Measured> MeasureAsync(Func<Task<double>> run, int processId, int azuriteId)
    {
        var before = (BenchTools.CpuSeconds(processId), BenchTools.CpuSeconds(processId, children: true), BenchTools.CpuSeconds(azuriteId));
        var seconds = await run();
        return new Measured(seconds, BenchTools.CpuSeconds(processId) - before.Item1, BenchTools.CpuSeconds(processId, children: true) - before.Item2,
            BenchTools.CpuSeconds(azuriteId) - before.Item3);
    }

    // Bytes the origin sent for the whole job (the page check, the probe, the render) against the clip's span and index.
    private static async Task MeasureClipAsync(TextWriter output, HttpClient client, StaticFileServer origin, string suffix, string name)
    {
        var path = Path.Combine(MediaFolder, name);
        var needed = await ClipSpan.MeasureAsync(path, ClipStart, ClipEnd);
        origin.ResetCounts();
        await RunJobAsync(client, new { url = origin.Url(name).AbsoluteUri, clip_start = ClipStart, clip_end = ClipEnd });
        var fetched = origin.BytesSent;
        output.WriteLine($"url.clip_overhead_{suffix} {(double)fetched / needed.Bytes:F2} ratio");
        output.WriteLine($"url.clip_file_fraction_{suffix} {(double)fetched / new FileInfo(path).Length:F4} ratio");
        output.WriteLine($"# {suffix}: {fetched} bytes fetched; span {needed.SpanBytes} + index {needed.IndexBytes} bytes; origin requests:");
        foreach (var request in origin.Requests)
        {
            output.WriteLine($"#   {request.Method} {request.Range ?? "(whole)"} -> {request.Status}, {request.BytesSent} bytes");
        }
    }

    // The clip sources, each made once and kept in .bench/url: name suffix and file name.
    private static async Task<IReadOnlyList<(string Suffix, string Name)>> GenerateClipSourcesAsync()
    {
        var video720p = Path.GetFileName(await ExtractBenchmark.GenerateAsync("h264-aac-720p-600s.mp4", 600, MediaFolder));
        // 320x180 at ~0.77 Mbit/s, key frames every 2 s: a small video whose index (~0.3 MB) weighs against a 10 s span (~1 MB).
        var video180p = await GenerateClipSourceAsync("h264-aac-180p-600s.mp4", ["-f", "lavfi", "-i", "testsrc2=size=320x180:rate=25:duration=600",
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=600",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
            "-b:v", "700k", "-maxrate", "700k", "-bufsize", "1400k", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-f", "mp4"]);
        // A one-hour mono podcast at 64 kbit/s (pink noise keeps the encoders at their rate): 10 s of it is ~80 KB.
        string[] podcast = ["-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.2:sample_rate=44100:duration=3600", "-ac", "1"];
        var mp3 = await GenerateClipSourceAsync("podcast-64k-3600s.mp3", [.. podcast, "-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"]);
        var m4a = await GenerateClipSourceAsync("podcast-64k-3600s.m4a", [.. podcast, "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-f", "mp4"]);
        return [("720p", video720p), ("180p", video180p), ("podcast_mp3", mp3), ("podcast_m4a", m4a)];
    }

    private static async Task<string> GenerateClipSourceAsync(string name, string[] arguments)
    {
        var path = Path.Combine(MediaFolder, name);
        if (!File.Exists(path))
        {
            var part = Path.Combine(BenchFolder, name + ".part");
            await BenchTools.RunToolAsync(BenchTools.MediaFfmpeg, ["-v", "error", "-y", .. arguments, part]);
            File.Move(part, path);
        }

        return name;
    }

    // Seconds from posting the job to the done event of its stream.
    private static async Task<double> RunJobAsync(HttpClient client, object body)
    {
        var watch = Stopwatch.StartNew();
        using var accepted = await client.PostAsJsonAsync(new Uri("/jobs", UriKind.Relative), body);
        if (accepted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The job was not accepted: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        }

        var id = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("job_id").GetString();
        return await BenchTools.WaitUntilCompletedAsync(client, id!, watch);
    }

    private static async Task<double> BareFfmpegCopyAsync(Uri url, string[] muxerArguments)
    {
        var watch = Stopwatch.StartNew();
        await BenchTools.RunToolAsync(BenchTools.Ffmpeg, ["-v", "error", "-y", "-i", url.AbsoluteUri, "-c", "copy", .. muxerArguments, "-f", "mp4", BareCopyPath]);
        return watch.Elapsed.TotalSeconds;
    }

    // Seconds to upload a file as a block blob the way Azurite takes it fastest: 4 MiB blocks, four at once, each with
    // its MD5 (given none, Azurite computes a CRC-64 in JavaScript instead).
    private static async Task<double> UploadAsync(string connectionString, string path)
    {
        var container = new BlobContainerClient(connectionString, "bench-upload");
        await container.CreateIfNotExistsAsync();
        var watch = Stopwatch.StartNew();
        await container.GetBlobClient(Path.GetFileName(path)).UploadAsync(path, new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions { InitialTransferSize = 4 << 20, MaximumTransferSize = 4 << 20, MaximumConcurrency = 4 },
            TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 },
        });
        return watch.Elapsed.TotalSeconds;
    }

    // H.264/AAC with a keyframe every 2 s and the index up front, as a web origin would serve it.
    private static async Task<string> GenerateAsync(string name, int seconds)
    {
        var path = Path.Combine(MediaFolder, name);
        if (!File.Exists(path))
        {
            var part = Path.Combine(BenchFolder, name + ".part");
            await BenchTools.RunToolAsync(BenchTools.MediaFfmpeg, ["-v", "error", "-y",
                "-f", "lavfi", "-i", $"testsrc2=size=640x360:rate=25:duration={seconds}",
                "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=48000:duration={seconds}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-keyint_min", "50", "-sc_threshold", "0",
                "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", "-f", "mp4", part]);
            File.Move(part, path);
        }

        return path;
    }

    private sealed record Measured(double Seconds, double ProcessCpu, double ChildrenCpu, double AzuriteCpu);

    private sealed record CopyRun(Measured Bare, Measured Upload, Measured BareFaststart, Measured Job);
}
