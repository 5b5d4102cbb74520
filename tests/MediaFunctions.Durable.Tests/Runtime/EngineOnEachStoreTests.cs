using Azure.Data.Tables;
using Azure.Storage.Blobs;
using MediaFunctions.Durable.Storage;
using MediaFunctions.Testing;

namespace MediaFunctions.Durable.Tests.Runtime;

public class EngineInMemoryTests : EmbeddedEngineTests
{
    protected override Task<IOrchestrationStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IOrchestrationStore>(new InMemoryOrchestrationStore(timeProvider));
}

[Collection(AzuriteCollection.Name)]
public class EngineOnAzuriteTests(AzuriteFixture azurite) : EmbeddedEngineTests
{
    protected override Task<IOrchestrationStore> CreateStoreAsync(TimeProvider timeProvider) =>
        Task.FromResult<IOrchestrationStore>(new AzureStorageOrchestrationStore(new TableServiceClient(azurite.ConnectionString),
            new BlobServiceClient(azurite.ConnectionString), AzuriteCollection.NewTaskHub(), timeProvider));
}
