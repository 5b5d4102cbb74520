using System.Text.Json;
using MediaFunctions.Testing;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Durable;

/// <summary>
/// The engine's durability, end to end: real host processes over one Azurite, killed with
/// SIGKILL while orchestrations with chains, timers and fan-outs run.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string AdminKey = "root-crash-secret";
    // 8 slow steps, a 1 s timer, then 8 slow steps at once: 8 + (0 + … + 7) = 36.
    private static readonly object Work = new { steps = 8, fanOut = 8, delayMilliseconds = 60, timerSeconds = 1.0 };
    private const int ExpectedOutput = 36;

    private readonly AzuriteFixture _azurite = new();

    public Task InitializeAsync() => _azurite.InitializeAsync();

    public Task DisposeAsync() => _azurite.DisposeAsync();

    private HostProcess NewHost(string taskHub) => new(new Dictionary<string, string>
    {
        ["Storage__ConnectionString"] = _azurite.ConnectionString,
        ["Auth__BootstrapKeys"] = $"root={AdminKey}",
        ["Auth__AdminKeys"] = $"root={AdminKey}",
        ["Durable__TaskHub"] = taskHub,
        ["Durable__EnableDiagnosticWorkflows"] = "true",
        // Short leases so a restarted or surviving process takes over quickly.
        ["Durable__LeaseDuration"] = "00:00:02",
        ["Durable__PollInterval"] = "00:00:00.100",
    });

    [Fact]
    public async Task KilledTenTimesWhileWorking_EveryInstanceFinishesWithTheRightResult()
    {
        using var timeout = InstanceApi.Timeout(240);
        await using var host = NewHost("Crash");
        await host.StartAsync(timeout.Token);
        var ids = await StartWorkAsync(host, 20, timeout.Token);

        var seed = Environment.TickCount;
        log.WriteLine($"kill schedule seed {seed}");
        var random = new Random(seed);
        for (var kill = 1; kill <= 10; kill++)
        {
            await Task.Delay(random.Next(300, 2000), timeout.Token);
            host.Kill();
            log.WriteLine($"kill {kill}: {await CountCompletedAsync(host, ids, timeout.Token, afterRestart: true)} of {ids.Count} completed");
        }

        await AssertAllCompleteAsync(host, ids, timeout.Token);
    }

    [Fact]
    public async Task TwoProcessesOnOneStore_SurvivorFinishesTheDeadOnesInstances()
    {
        using var timeout = InstanceApi.Timeout(180);
        await using var first = NewHost("TwoHosts");
        await using var second = NewHost("TwoHosts");
        await first.StartAsync(timeout.Token);
        await second.StartAsync(timeout.Token);

        // Started through the second process: the first holds the partitions, so this also
        // proves work crosses processes through the store.
        var ids = await StartWorkAsync(second, 10, timeout.Token);
        await Task.Delay(1500, timeout.Token);
        first.Kill();

        await AssertAllCompleteAsync(second, ids, timeout.Token);
        Assert.Contains("Acquired partition", second.Output);
    }

    private static async Task<List<string>> StartWorkAsync(HostProcess host, int count, CancellationToken cancellationToken)
    {
        using var admin = AdminClient(host);
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await InstanceApi.StartAsync(admin, "Diagnostics.Mixed", "root", Work, cancellationToken));
        }

        return ids;
    }

    private static async Task<int> CountCompletedAsync(HostProcess host, List<string> ids, CancellationToken cancellationToken, bool afterRestart)
    {
        if (afterRestart)
        {
            await host.StartAsync(cancellationToken);
        }

        using var admin = AdminClient(host);
        var completed = 0;
        foreach (var id in ids)
        {
            var (_, body, response) = await InstanceApi.GetAsync(admin, id, cancellationToken);
            response.Dispose();
            completed += body.GetProperty("runtimeStatus").GetString() == "Completed" ? 1 : 0;
        }

        return completed;
    }

    private static async Task AssertAllCompleteAsync(HostProcess host, List<string> ids, CancellationToken cancellationToken)
    {
        using var admin = AdminClient(host);
        foreach (var id in ids)
        {
            JsonElement body;
            while (true)
            {
                (_, body, var response) = await InstanceApi.GetAsync(admin, id, cancellationToken);
                response.Dispose();
                var status = body.GetProperty("runtimeStatus").GetString();
                Assert.True(status is "Pending" or "Running" or "Completed", $"{id} is {status}: {body}\n{host.Output}");
                if (status == "Completed")
                {
                    break;
                }

                await Task.Delay(200, cancellationToken);
            }

            Assert.Equal(ExpectedOutput, body.GetProperty("output").GetInt32());
        }
    }

    private static HttpClient AdminClient(HostProcess host)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }
}
