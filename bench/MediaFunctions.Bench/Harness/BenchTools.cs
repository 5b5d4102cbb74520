using System.Diagnostics;
using System.Net.Http.Json;
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

    /// <summary>Polls the job's status route every 20 ms until it has completed; returns <paramref name="watch"/>'s seconds then.</summary>
    /// <exception cref="InvalidOperationException">The job failed or was cancelled.</exception>
    public static async Task<double> WaitUntilCompletedAsync(HttpClient client, string statusPath, Stopwatch watch)
    {
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(new Uri(statusPath, UriKind.Relative));
            switch (job.GetProperty("state").GetString())
            {
                case "completed":
                    return watch.Elapsed.TotalSeconds;
                case "failed" or "cancelled":
                    throw new InvalidOperationException($"The job ended {job}");
            }

            await Task.Delay(20);
        }
    }
}
