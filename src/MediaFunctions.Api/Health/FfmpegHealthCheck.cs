using System.ComponentModel;
using CliWrap;
using CliWrap.Buffered;
using MediaFunctions.Core.Ffmpeg;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaFunctions.Api.Health;

/// <summary>Healthy when ffmpeg and ffprobe are found and each answers <c>-version</c> within <see cref="Timeout"/>.</summary>
internal sealed class FfmpegHealthCheck(FfmpegLocator locator) : IHealthCheck
{
    public const string Name = "ffmpeg";

    /// <summary>How long each tool gets to print its version.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        FfmpegBinaries binaries;
        try
        {
            binaries = locator.Binaries;
        }
        catch (FfmpegNotFoundException notFound)
        {
            return HealthCheckResult.Unhealthy(notFound.Message);
        }

        var versions = await Task.WhenAll(VersionAsync(binaries.FfmpegPath, cancellationToken), VersionAsync(binaries.FfprobePath, cancellationToken));
        return versions.All(version => version.StartsWith("ffmpeg version", StringComparison.Ordinal) || version.StartsWith("ffprobe version", StringComparison.Ordinal))
            ? HealthCheckResult.Healthy(string.Join("; ", versions))
            : HealthCheckResult.Unhealthy(string.Join("; ", versions));
    }

    /// <summary>The first line the tool prints for <c>-version</c> (e.g. "ffmpeg version 7.1.1"), or what went wrong.</summary>
    private static async Task<string> VersionAsync(string path, CancellationToken cancellationToken)
    {
        var tool = Path.GetFileNameWithoutExtension(path);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var result = await Cli.Wrap(path).WithArguments(["-version"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
            // Keep "<tool> version X": the build's configuration line that follows is not for anonymous callers.
            var version = string.Join(' ', result.StandardOutput.Split('\n', 2)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3));
            return result.ExitCode == 0 ? version : $"{tool} -version exited with code {result.ExitCode}";
        }
        catch (Win32Exception failure)
        {
            return $"{tool} could not be started: {(failure.InnerException ?? failure).Message}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{tool} did not answer -version within {Timeout.TotalSeconds:0} s";
        }
    }
}
