using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MediaFunctions.Core.Ffmpeg;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Bench.Harness;

/// <summary>What the job benchmarks share: the host's own ffmpeg, running a tool, and timing a job to its end.</summary>
internal static class BenchTools
{
    /// <summary>The ffmpeg the host runs (ffmpeg-layer/dist when built), so bare runs measure the same binary.</summary>
    public static readonly string Ffmpeg = new FfmpegLocator(Options.Create(new FfmpegOptions())).Binaries.FfmpegPath;

    /// <summary>
    /// Debian's full ffmpeg (the scripts install it), which makes the benchmarks' media: the lean layer has no
    /// <c>testsrc2</c> pictures, having no use for them.
    /// </summary>
    public const string MediaFfmpeg = "/usr/bin/ffmpeg";

    /// <summary>Runs a tool to its end; throws with its stderr when it fails.</summary>
    public static async Task RunToolAsync(string tool, string[] arguments)
    {
        // stdout is drained and dropped: a render's -progress reports are not the benchmark's figures.
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var errors = await process.StandardError.ReadToEndAsync();
        await output;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {errors}");
        }
    }

    /// <summary>
    /// Follows the job's event stream (<c>GET /api/jobs/{id}/events</c>) until its <c>done</c> event; returns
    /// <paramref name="watch"/>'s seconds then. One open request, not a status read every few milliseconds: polling at
    /// 20 ms cost the host and Azurite ~4 ms of CPU a read, a fifth of a core taken from the job it timed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The job failed or was cancelled.</exception>
    public static async Task<double> WaitUntilCompletedAsync(HttpClient client, string jobId, Stopwatch watch)
    {
        using var response = await client.GetAsync(new Uri($"/api/jobs/{Uri.EscapeDataString(jobId)}/events", UriKind.Relative),
            HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        var done = false;
        while (await events.ReadLineAsync() is { } line)
        {
            if (line == "event: done")
            {
                done = true;
            }
            else if (done && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var seconds = watch.Elapsed.TotalSeconds;
                var job = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                return job.GetProperty("state").GetString() == "completed" ? seconds : throw new InvalidOperationException($"The job ended {job}");
            }
        }

        throw new InvalidOperationException($"The event stream of job {jobId} closed before its done event.");
    }

    /// <summary>The median of <paramref name="runs"/> runs' seconds: for what takes a fraction of a second, where one run says more about the moment.</summary>
    public static async Task<double> MedianAsync(Func<Task<double>> run, int runs = 7)
    {
        var seconds = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            seconds.Add(await run());
        }

        return Median(seconds);
    }

    public static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);

    /// <summary>Each run's seconds, in the order run, for the figures' comment lines.</summary>
    public static string Each(IEnumerable<double> seconds) =>
        string.Join(" ", seconds.Select(run => run.ToString("F2", CultureInfo.InvariantCulture)));

    /// <summary>
    /// User + system CPU seconds a process has used, from /proc/{pid}/stat (fields 14 and 15, in clock ticks of 1/100 s);
    /// with <paramref name="children"/>, those of the children it has waited for instead (fields 16 and 17: its ffmpeg runs).
    /// </summary>
    public static double CpuSeconds(int processId, bool children = false)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var first = children ? 13 : 11;
        return (long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[first + 1], CultureInfo.InvariantCulture)) / 100.0;
    }
}
