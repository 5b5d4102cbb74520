using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests;

public sealed class HostStartupTests
{
    [Fact]
    public async Task Start_NoStorageSetting_ExitsNamingTheSettingToSet()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = new HostProcess(new Dictionary<string, string> { ["Durable__Store"] = "InMemory" });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(timeout.Token));

        Assert.False(host.IsRunning);
        Assert.Contains("Storage:ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MalformedBootstrapKeys_ExitsNamingTheSettingAndEntry()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = "UseDevelopmentStorage=true",
            ["Durable__Store"] = "InMemory",
            ["Auth__BootstrapKeys"] = "alice=ONE;b-o-b=TWO",
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(timeout.Token));

        Assert.False(host.IsRunning);
        Assert.Contains("Auth:BootstrapKeys entry 2: key id 'b-o-b'", failure.Message, StringComparison.Ordinal);
    }
}
