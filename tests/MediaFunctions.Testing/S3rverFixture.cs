using System.Diagnostics;
using Xunit;

namespace MediaFunctions.Testing;

/// <summary>
/// A private s3rver (an S3-compatible server that checks SigV4 signatures) on a free loopback port, from
/// the repository's <c>tools/node_modules</c> (<c>npm ci --prefix tools</c>), with one empty bucket,
/// <see cref="Bucket"/>. Its data lives in a temporary folder deleted with the fixture.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>The access key s3rver accepts.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The secret key s3rver accepts.</summary>
    public const string SecretKey = "S3RVER";

    /// <summary>The bucket made at start.</summary>
    public const string Bucket = "media";

    private readonly CapturedOutput output = new();
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"s3rver-{Guid.NewGuid():N}");
    private Process? process;

    /// <summary>The service URL, <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>What s3rver wrote.</summary>
    public string Output => output.ToString();

    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryPaths.Root, "tools", "node_modules", ".bin", "s3rver");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"s3rver is not installed at {executable}; run 'npm ci --prefix tools'.");
        }

        Directory.CreateDirectory(directory);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--directory", directory, "--address", "127.0.0.1", "--port", $"{port}",
            "--no-vhost-buckets", "--configure-bucket", Bucket,
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("s3rver did not start.");
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ServerProcess.WaitUntilListeningAsync(process, output, port);
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
