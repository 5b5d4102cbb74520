using Azure.Storage.Blobs;
using MediaFunctions.Core.Webhooks;
using MediaFunctions.Testing;

namespace MediaFunctions.Core.Tests.Webhooks;

public sealed class WebhookSecretsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task GetAsync_Key_PrefixedUnpaddedBase64UrlOfItsOwn()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var secrets = new WebhookSecrets(new BlobServiceClient(azurite.ConnectionString));

        var secret = await secrets.GetAsync("alice", timeout.Token);

        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(secret, await secrets.GetAsync("alice", timeout.Token));
        Assert.NotEqual(secret, await secrets.GetAsync("bob", timeout.Token));
    }
}
