using System.Diagnostics;
using Xunit;

namespace MediaFunctions.Testing;

/// <summary>
/// A private Azurite (blob, queue, table; in memory) on free loopback ports, from the repository's
/// <c>tools/node_modules</c> (<c>npm ci --prefix tools</c>). Data lives as long as the fixture.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly CapturedOutput output = new();
    private Process? process;

    /// <summary>A connection string for this Azurite.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>What Azurite wrote.</summary>
    public string Output => output.ToString();

    /// <summary>The Azurite process's id (for measuring it).</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("Azurite is not running.");

    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryPaths.Root, "tools", "node_modules", ".bin", "azurite");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed at {executable}; run 'npm ci --prefix tools'.");
        }

        int blobPort = FreePort.Next(), queuePort = FreePort.Next(), tablePort = FreePort.Next();
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--inMemoryPersistence", "--skipApiVersionCheck", "--disableProductStyleUrl",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await ServerProcess.WaitUntilListeningAsync(process, output, blobPort, queuePort, tablePort);

        ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AccountKey
            + $";BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1"
            + $";QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1"
            + $";TableEndpoint=http://127.0.0.1:{tablePort}/devstoreaccount1;";
    }

    public async Task DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
    }
}
