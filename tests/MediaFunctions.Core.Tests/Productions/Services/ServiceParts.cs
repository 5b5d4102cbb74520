using System.Data.Common;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Webhooks;
using MediaFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.Productions.Services;

/// <summary>The real registry, read links and transfer, wired the way the service wires them, against one Azurite.</summary>
internal sealed class ServiceParts : IDisposable
{
    public ServiceParts(AzuriteFixture azurite, bool allowPrivateNetworks = true)
    {
        Azurite = azurite;
        var policy = new UrlSourcePolicy(Options.Create(new SourceOptions { AllowPrivateNetworks = allowPrivateNetworks }));
        var connector = new GuardedConnector(policy);
        Clients = new InlineStorageClients(connector);
        Http = new GuardedHttpClient(connector);
        var options = Options.Create(new InlineStorageOptions { PartSizeBytes = InlineStorageOptions.MinPartSizeBytes, VerifyTimeout = TimeSpan.FromSeconds(20) });
        Blobs = new BlobServiceClient(azurite.ConnectionString);
        Protector = new InlineStorageProtector(Blobs);
        Store = new ProductionServiceStore(new TableServiceClient(azurite.ConnectionString));
        var storage = new ProductionServiceStorage(Clients, options, TimeProvider.System);
        Registry = new ProductionServiceRegistry(Store, policy, new InlineStorageVerifier(policy, Clients, options), Protector, storage, TimeProvider.System);
        Files = new ProductionServiceFiles(Store, Protector, storage, policy);
        Transfer = new ProductionServiceTransfer(Store, Protector, storage, Http, Blobs, Options.Create(new WebhookOptions()), TimeProvider.System, Secrets);
    }

    public AzuriteFixture Azurite { get; }

    public InlineStorageClients Clients { get; }

    public GuardedHttpClient Http { get; }

    public BlobServiceClient Blobs { get; }

    public InlineStorageProtector Protector { get; }

    public ProductionServiceStore Store { get; }

    public ProductionServiceRegistry Registry { get; }

    public ProductionServiceFiles Files { get; }

    public ProductionServiceTransfer Transfer { get; }

    public TestClientSecrets Secrets { get; } = new();

    /// <summary>A part of the Azurite connection string (AccountName, AccountKey, BlobEndpoint).</summary>
    public string ConnectionPart(string name) => (string)new DbConnectionStringBuilder { ConnectionString = Azurite.ConnectionString }[name];

    /// <summary>Stores <paramref name="bytes"/> as one of the service's own output blobs and returns a read SAS for it.</summary>
    public async Task<ServiceTransferFile> OwnFileAsync(string fileName, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        var container = Blobs.GetBlobContainerClient("outputs");
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blob = container.GetBlobClient($"alice/{Guid.NewGuid():N}/{fileName}");
        await blob.UploadAsync(BinaryData.FromBytes(bytes), cancellationToken);
        return new ServiceTransferFile(fileName, contentType, bytes.Length, blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(15)));
    }

    public void Dispose()
    {
        Transfer.Dispose();
        Http.Dispose();
        Clients.Dispose();
    }

    /// <summary>The apps' secrets as the OAuth registry will give them: set per client id by the test.</summary>
    public sealed class TestClientSecrets : IOAuthClientSecrets
    {
        public Dictionary<string, string> Secrets { get; } = [];

        public Task<string?> GetClientSecretAsync(string clientId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Secrets.GetValueOrDefault(clientId));
    }
}
