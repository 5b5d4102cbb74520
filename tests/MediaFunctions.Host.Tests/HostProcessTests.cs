using System.Net;

namespace MediaFunctions.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class HostProcessTests(HostFixture fixture)
{
    [Fact]
    public async Task RestartAsync_AfterKill_ServesKeysAgainOnTheSamePort()
    {
        using var timeout = InstanceApi.Timeout(90);
        var address = fixture.Host.BaseAddress;

        fixture.Host.Kill();
        Assert.False(fixture.Host.IsRunning);
        await fixture.Host.RestartAsync(timeout.Token);

        Assert.Equal(address, fixture.Host.BaseAddress);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var response = await alice.GetAsync(new Uri("/api/instances", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
