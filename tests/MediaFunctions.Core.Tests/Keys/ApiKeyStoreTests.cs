using Azure.Data.Tables;
using MediaFunctions.Core.Keys;
using MediaFunctions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Core.Tests.Keys;

public sealed class ApiKeyStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task FindBySecretAsync_StoredKey_ReturnsItAndAWrongSecretReturnsNull()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var store = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);
        await store.CreateOrUpdateAsync("find_alice", "find-alice-secret", isAdmin: false, timeout.Token);
        await store.CreateOrUpdateAsync("find_root", "find-root-secret", isAdmin: true, timeout.Token);

        Assert.Equal(new ApiKey("find_alice", false), await store.FindBySecretAsync("find-alice-secret", timeout.Token));
        Assert.Equal(new ApiKey("find_root", true), await store.FindBySecretAsync("find-root-secret", timeout.Token));
        Assert.Null(await store.FindBySecretAsync("find-alice-secreT", timeout.Token));
    }

    [Fact]
    public async Task CreateOrUpdateAsync_Always_StoresOnlyTheHashOfTheSecret()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var tables = new TableServiceClient(azurite.ConnectionString);
        var store = new ApiKeyStore(tables, TimeProvider.System);

        await store.CreateOrUpdateAsync("hash_only", "plain-text-secret-1", isAdmin: false, timeout.Token);

        var rows = new List<TableEntity>();
        await foreach (var row in tables.GetTableClient(ApiKeyStore.TableName).QueryAsync<TableEntity>(e => e.RowKey != "", cancellationToken: timeout.Token))
        {
            rows.Add(row);
        }

        var mine = Assert.Single(rows, r => r.GetString("Id") == "hash_only");
        Assert.Equal(Convert.ToHexStringLower(ApiKeyStore.Hash("plain-text-secret-1")), mine.RowKey);
        Assert.DoesNotContain(rows.SelectMany(r => r), pair => pair.Value is string s && s.Contains("plain-text-secret-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateOrUpdateAsync_NewSecret_RevokesTheOldOne()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var store = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);
        await store.CreateOrUpdateAsync("rotate", "rotate-old", isAdmin: false, timeout.Token);

        await store.CreateOrUpdateAsync("rotate", "rotate-new", isAdmin: true, timeout.Token);

        Assert.Null(await store.FindBySecretAsync("rotate-old", timeout.Token));
        Assert.Equal(new ApiKey("rotate", true), await store.FindBySecretAsync("rotate-new", timeout.Token));
    }

    [Fact]
    public async Task CreateOrUpdateAsync_SecretOfAnotherKey_Throws()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var store = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);
        await store.CreateOrUpdateAsync("owner", "shared-secret", isAdmin: false, timeout.Token);

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateOrUpdateAsync("thief", "shared-secret", isAdmin: true, timeout.Token));
        Assert.Equal(new ApiKey("owner", false), await store.FindBySecretAsync("shared-secret", timeout.Token));
    }

    [Fact]
    public async Task FindBySecretAsync_KeyAddedByAnotherProcess_IsSeenOnlyAfterTheRefreshInterval()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = new FakeTimeProvider();
        var reader = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString), clock);
        var writer = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);
        Assert.Null(await reader.FindBySecretAsync("late-secret", timeout.Token));

        await writer.CreateOrUpdateAsync("late", "late-secret", isAdmin: false, timeout.Token);

        Assert.Null(await reader.FindBySecretAsync("late-secret", timeout.Token));
        clock.Advance(ApiKeyStore.RefreshInterval);
        Assert.Equal(new ApiKey("late", false), await reader.FindBySecretAsync("late-secret", timeout.Token));
    }

    [Fact]
    public async Task CreateOrUpdateAsync_InvalidId_Throws()
    {
        var store = new ApiKeyStore(new TableServiceClient(azurite.ConnectionString), TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateOrUpdateAsync("has-dash", "secret", isAdmin: false));
    }
}
