using System.Diagnostics;
using System.Net;

namespace MediaFunctions.Testing;

/// <summary>
/// The real self-host, <c>dotnet MediaFunctions.Host.dll</c> as built in <c>src/</c>, on a free
/// loopback port with the settings given as environment variables (e.g. <c>Storage__ConnectionString</c>).
/// It can be killed like a crash (SIGKILL, whole process tree) and started again on the same port;
/// its output is kept for failure messages.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> settings;
    private Process? process;
    private CapturedOutput output = new();

    /// <param name="settings">Environment variables for the host, on top of the test process's own.</param>
    public HostProcess(IReadOnlyDictionary<string, string> settings)
    {
        this.settings = new(settings);
        // Tests and benchmarks poll far faster than the default per-key limits allow; rate-limit tests set their own.
        if (!settings.Keys.Any(key => key.StartsWith("RateLimits__", StringComparison.Ordinal)))
        {
            foreach (var window in new[] { "PerMinute", "PerHour", "PerDay" })
            {
                this.settings[$"RateLimits__{window}"] = "1000000";
            }
        }

        Port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
    }

    /// <summary>The loopback port the host listens on; the same after a restart.</summary>
    public int Port { get; }

    /// <summary>The host's address, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Everything the current (or last) process wrote to stdout and stderr.</summary>
    public string Output => output.ToString();

    /// <summary>The running host's process id (for measuring it).</summary>
    public int ProcessId => process?.Id ?? throw new InvalidOperationException("The host is not running.");

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>The path of the Host build this class starts.</summary>
    public static string HostDllPath { get; } = Path.Combine(RepositoryPaths.Root, "src", "MediaFunctions.Host", "bin",
        RepositoryPaths.Configuration, "net10.0", "MediaFunctions.Host.dll");

    /// <summary>
    /// Starts the host and waits until <c>/api/health</c> answers (any status: a host whose storage
    /// is down answers 503). Throws with the host's output when it exits or does not answer in time.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The host is already running.");
        }

        if (!File.Exists(HostDllPath))
        {
            throw new InvalidOperationException($"The host is not built at {HostDllPath}; build src/MediaFunctions.Host first.");
        }

        output = new CapturedOutput();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostDllPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDllPath);
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var captured = output;
        started.OutputDataReceived += (_, e) => captured.Add(e.Data);
        started.ErrorDataReceived += (_, e) => captured.Add(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        // One bound for the whole wait: on a loaded machine the first health check (it runs ffmpeg) can take long.
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        while (true)
        {
            if (started.HasExited)
            {
                // Without a timeout this also waits for the output readers to drain, so the message has the whole story.
                await started.WaitForExitAsync(CancellationToken.None);
                throw new InvalidOperationException($"The host exited with code {started.ExitCode} before it answered.\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), timeout.Token);
                if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The host did not answer /api/health within 60 s.\n{Output}");
            }

            try
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The host did not answer /api/health within 60 s.\n{Output}");
            }
        }
    }

    /// <summary>Kills the host and its children at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Kills the host and starts it again on the same port with the same settings.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        await StartAsync(cancellationToken);
    }

    /// <summary>An HTTP client for the host.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        process = null;
        return ValueTask.CompletedTask;
    }
}
