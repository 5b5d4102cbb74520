using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Testing;

namespace MediaFunctions.Durable.Tests.Storage;

public class InMemoryOrchestrationStoreTests : OrchestrationStoreContract
{
    protected override Task<IOrchestrationStore> CreateStoreAsync() => Task.FromResult<IOrchestrationStore>(new InMemoryOrchestrationStore(Clock));
}

[Collection(AzuriteCollection.Name)]
public class AzureStorageOrchestrationStoreTests(AzuriteFixture azurite) : OrchestrationStoreContract
{
    protected override async Task<IOrchestrationStore> CreateStoreAsync()
    {
        var store = new AzureStorageOrchestrationStore(new TableServiceClient(azurite.ConnectionString),
            new BlobServiceClient(azurite.ConnectionString), AzuriteCollection.NewTaskHub(), Clock);
        await store.InitializeAsync();
        return store;
    }
}
