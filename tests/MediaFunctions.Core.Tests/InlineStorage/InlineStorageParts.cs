using System.Data.Common;
using Azure.Storage.Blobs;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace MediaFunctions.Core.Tests.InlineStorage;

/// <summary>The real verifier, protector and writer, wired the way the service wires them, for one test.</summary>
internal sealed class InlineStorageParts : IDisposable
{
    public InlineStorageParts(AzuriteFixture azurite, bool allowPrivateNetworks = true, long partSizeBytes = InlineStorageOptions.MinPartSizeBytes,
        string keyBlobName = InlineStorageProtector.KeyBlobName)
    {
        var policy = new UrlSourcePolicy(Options.Create(new SourceOptions { AllowPrivateNetworks = allowPrivateNetworks }));
        Clients = new InlineStorageClients(new GuardedConnector(policy));
        var options = Options.Create(new InlineStorageOptions { PartSizeBytes = partSizeBytes, VerifyTimeout = TimeSpan.FromSeconds(20) });
        Protector = new InlineStorageProtector(new BlobServiceClient(azurite.ConnectionString), keyBlobName);
        Verifier = new InlineStorageVerifier(policy, Clients, options);
        Writer = new InlineStorageWriter(Protector, Clients, options, Clock);
    }

    /// <summary>The writer's clock. It starts at the real time: the storage checks the links it signs against its own.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public InlineStorageClients Clients { get; }

    public InlineStorageProtector Protector { get; }

    public InlineStorageVerifier Verifier { get; }

    public InlineStorageWriter Writer { get; }

    /// <summary>Settings for the fixture's s3rver bucket, with whatever the test changes.</summary>
    public static InlineStorageRequest S3(S3rverFixture s3rver, string? bucket = null, string? accessKey = null,
        string? endpoint = null, string? folderPrefix = null) => new()
        {
            Provider = "s3",
            Endpoint = endpoint ?? s3rver.Endpoint.AbsoluteUri,
            Bucket = bucket ?? S3rverFixture.Bucket,
            Region = "us-east-1",
            AccessKey = accessKey ?? S3rverFixture.AccessKey,
            SecretKey = S3rverFixture.SecretKey,
            FolderPrefix = folderPrefix,
        };

    /// <summary>Settings for a container of the fixture's Azurite account, with whatever the test changes.</summary>
    public static InlineStorageRequest Azure(AzuriteFixture azurite, string container, string? accountKey = null)
    {
        var settings = new DbConnectionStringBuilder { ConnectionString = azurite.ConnectionString };
        return new()
        {
            Provider = "azure",
            Endpoint = (string)settings["BlobEndpoint"],
            AccountName = (string)settings["AccountName"],
            AccountKey = accountKey ?? (string)settings["AccountKey"],
            Container = container,
            FolderPrefix = "exports/",
        };
    }

    /// <summary>A file of random bytes in the temp folder; the caller deletes it.</summary>
    public static string RandomFile(long length)
    {
        var path = Path.Combine(Path.GetTempPath(), $"inline-storage-{Guid.NewGuid():N}.bin");
        using var file = File.Create(path);
        var buffer = new byte[1024 * 1024];
        for (var written = 0L; written < length; written += buffer.Length)
        {
            Random.Shared.NextBytes(buffer);
            file.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
        }

        return path;
    }

    public void Dispose() => Clients.Dispose();
}
