using System.Security.Cryptography;
using Azure.Data.Tables;
using MediaFunctions.Core.Keys;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Storage;
using MediaFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Tests.OAuth;

/// <summary><see cref="IOAuthClientSecrets"/> as the core registers it, over Azurite: what webhook signing will call.</summary>
public sealed class OAuthClientSecretsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task GetClientSecretAsync_RegisteredApp_SecretItWasIssuedAndNeverStoredInTheClear()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var services = Services();
        var apps = services.GetRequiredService<OAuthAppStore>();
        var app = await apps.CreateAsync("owner", "App", ["https://app.example.com/cb"], timeout.Token);

        var secret = await services.GetRequiredService<IOAuthClientSecrets>().GetClientSecretAsync(app.ClientId, timeout.Token);

        Assert.Equal(app.ClientSecret, secret);
        var row = (await services.GetRequiredService<TableServiceClient>().GetTableClient(OAuthAppStore.TableName)
            .GetEntityAsync<TableEntity>("app", app.ClientId, cancellationToken: timeout.Token)).Value;
        Assert.All(row, column => Assert.DoesNotContain(app.ClientSecret, column.Value?.ToString() ?? "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ceigtvDv8jH6NaK52Z5eXH")]
    [InlineData("not an id")]
    [InlineData("")]
    public async Task GetClientSecretAsync_UnknownClient_Null(string clientId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var services = Services();

        Assert.Null(await services.GetRequiredService<IOAuthClientSecrets>().GetClientSecretAsync(clientId, timeout.Token));
    }

    [Fact]
    public async Task FindAsync_SealedSecretMovedToAnotherApp_DoesNotOpen()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var services = Services();
        var apps = services.GetRequiredService<OAuthAppStore>();
        var first = await apps.CreateAsync("owner", "First", ["https://app.example.com/cb"], timeout.Token);
        var second = await apps.CreateAsync("owner", "Second", ["https://app.example.com/cb"], timeout.Token);
        var table = services.GetRequiredService<TableServiceClient>().GetTableClient(OAuthAppStore.TableName);
        var firstRow = (await table.GetEntityAsync<TableEntity>("app", first.ClientId, cancellationToken: timeout.Token)).Value;
        var secondRow = (await table.GetEntityAsync<TableEntity>("app", second.ClientId, cancellationToken: timeout.Token)).Value;
        secondRow["SealedSecret"] = firstRow["SealedSecret"];
        await table.UpdateEntityAsync(secondRow, secondRow.ETag, TableUpdateMode.Replace, timeout.Token);

        await Assert.ThrowsAsync<CryptographicException>(() => apps.FindAsync(second.ClientId, timeout.Token));
    }

    private ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Storage:ConnectionString", (string?)azurite.ConnectionString)]).Build();
        return new ServiceCollection().AddLogging().AddMediaFunctionsStorage(configuration).AddApiKeys(configuration).AddOAuth().BuildServiceProvider();
    }
}
