using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Data.Tables;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Servers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MediaFunctions.Core.Tests.Productions.Services;

/// <summary>External services against Azurite, s3rver and local HTTP servers: registered, read from and written to for real.</summary>
public sealed class ProductionServiceTests(AzuriteFixture azurite, S3rverFixture s3rver) : IClassFixture<AzuriteFixture>, IClassFixture<S3rverFixture>
{
    // s3rver checks the access key only, so the secret can be one nothing else holds.
    private const string S3Secret = "service-own-secret-P9x4";
    private static readonly HttpClient Reader = new();

    [Fact]
    public async Task CreateAsync_S3_ShownWithoutCredentialsAndTheSecretStoredNowhereInTheClear()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();

        var created = await parts.Registry.CreateAsync(keyId, S3Request("episodes/raw"), Timeout());

        Assert.Equal(("s3", true, true), (created.Type, created.Incoming, created.Outgoing));
        Assert.Equal(S3rverFixture.Bucket, created.Settings["bucket"]);
        Assert.Equal("episodes/raw", created.Settings["prefix"]);
        Assert.DoesNotContain(created.Settings, setting => setting.Key.Contains("key", StringComparison.Ordinal) || setting.Value.Contains(S3Secret, StringComparison.Ordinal));
        var listed = Assert.Single(await parts.Registry.ListAsync(keyId, Timeout()));
        Assert.Equal((created.Uuid, created.DisplayName, created.CreatedAt), (listed.Uuid, listed.DisplayName, listed.CreatedAt));
        Assert.Equal(created.Settings, listed.Settings);
        await foreach (var row in new TableServiceClient(azurite.ConnectionString).GetTableClient(ProductionServiceStore.TableName)
            .QueryAsync<TableEntity>(entity => entity.PartitionKey == keyId, cancellationToken: Timeout()))
        {
            Assert.All(((IDictionary<string, object>)row).Values, value => Assert.DoesNotContain(S3Secret, value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : $"{value}", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("""{"type": "ftp"}""", "type")]
    [InlineData("""{"type": "http"}""", "base_url")]
    [InlineData("""{"type": "http", "base_url": "https://example.com/media/?token=1"}""", "base_url")]
    [InlineData("""{"type": "http", "base_url": "https://example.com/", "bucket": "media"}""", "bucket")]
    [InlineData("""{"type": "http", "base_url": "https://example.com/", "incoming": false, "outgoing": false}""", "incoming")]
    [InlineData("""{"type": "s3", "endpoint": "https://s3.example.com", "region": "us-east-1", "access_key": "a", "secret_key": "b"}""", "bucket")]
    [InlineData("""{"type": "s3", "endpoint": "https://s3.example.com", "bucket": "media", "region": "us-east-1", "access_key": "a", "secret_key": "b", "prefix": "../up"}""", "prefix")]
    [InlineData("""{"type": "azure", "account_name": "acct", "container": "media"}""", "account_key")]
    public void Read_BadField_NamesIt(string json, string field)
    {
        var refusal = Assert.Throws<ProductionSettingsException>(() => ProductionServiceRequest.Read(JsonNode.Parse(json)!.AsObject()));

        Assert.Contains(refusal.Errors, error => error.Field == field);
        Assert.DoesNotContain(refusal.Errors, error => error.Message.Contains("storage.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_WrongS3AccessKeyOrUnreachableEndpoint_RefusedNamingTheFieldAndNothingStored()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var closedPort = FreePort.Next();

        var badKey = await Assert.ThrowsAsync<ProductionSettingsException>(() => parts.Registry.CreateAsync(keyId, S3Request(null, accessKey: "NOT-S3RVER"), Timeout()));
        var badEndpoint = await Assert.ThrowsAsync<ProductionSettingsException>(() =>
            parts.Registry.CreateAsync(keyId, S3Request(null, endpoint: $"http://127.0.0.1:{closedPort}"), Timeout()));

        Assert.Equal("access_key", Assert.Single(badKey.Errors).Field);
        Assert.Equal("endpoint", Assert.Single(badEndpoint.Errors).Field);
        Assert.Empty(await parts.Registry.ListAsync(keyId, Timeout()));
    }

    [Fact]
    public async Task CreateAsync_WrongAzureAccountKey_RefusedNamingAccountKey()
    {
        using var parts = new ServiceParts(azurite);
        var container = await NewContainerAsync();

        var refusal = await Assert.ThrowsAsync<ProductionSettingsException>(() =>
            parts.Registry.CreateAsync(NewKey(), AzureRequest(parts, container, accountKey: Convert.ToBase64String(new byte[64])), Timeout()));

        Assert.Equal("account_key", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public async Task CreateAsync_HttpBaseUrlOnLoopbackWhenNotAllowed_RefusedNamingBaseUrl()
    {
        using var parts = new ServiceParts(azurite, allowPrivateNetworks: false);

        var refusal = await Assert.ThrowsAsync<ProductionSettingsException>(() =>
            parts.Registry.CreateAsync(NewKey(), Request($$"""{"type": "http", "base_url": "http://127.0.0.1:9/media/"}"""), Timeout()));

        Assert.Equal("base_url", Assert.Single(refusal.Errors).Field);
    }

    [Fact]
    public async Task GetReadLinkAsync_Http_BaseUrlAndEscapedNameGiveTheFilesBytes()
    {
        var folder = Directory.CreateTempSubdirectory("service-origin-").FullName;
        var bytes = RandomBytes(70_000);
        Directory.CreateDirectory(Path.Combine(folder, "media", "raw"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "media", "raw", "my episode.mp3"), bytes, Timeout());
        await using var origin = await StaticFileServer.StartAsync(folder, Timeout());
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var service = await parts.Registry.CreateAsync(keyId, Request($$"""{"type": "http", "base_url": "{{origin.Url("media")}}"}"""), Timeout());

        var link = await parts.Files.GetReadLinkAsync(keyId, service.Uuid, "raw/my episode.mp3", TimeSpan.FromMinutes(15), Timeout());

        Assert.Equal(origin.Url("media/raw/my%20episode.mp3"), link);
        Assert.Equal(bytes, await Reader.GetByteArrayAsync(link, Timeout()));
    }

    [Fact]
    public async Task GetReadLinkAsync_S3_PresignedGetGivesTheFilesBytes()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var prefix = $"in-{Guid.NewGuid():N}";
        var service = await parts.Registry.CreateAsync(keyId, S3Request(prefix), Timeout());
        var bytes = RandomBytes(123_456);
        using var s3 = S3Client();
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = S3rverFixture.Bucket, Key = $"{prefix}/episode.wav", InputStream = new MemoryStream(bytes), UseChunkEncoding = false }, Timeout());

        var link = await parts.Files.GetReadLinkAsync(keyId, service.Uuid, "episode.wav", TimeSpan.FromMinutes(15), Timeout());

        Assert.Contains("X-Amz-Signature=", link.Query, StringComparison.Ordinal);
        Assert.Equal(bytes, await Reader.GetByteArrayAsync(link, Timeout()));
    }

    [Fact]
    public async Task GetReadLinkAsync_Azure_ReadSasGivesTheFilesBytes()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var container = await NewContainerAsync();
        var service = await parts.Registry.CreateAsync(keyId, AzureRequest(parts, container, prefix: "incoming"), Timeout());
        var bytes = RandomBytes(99_999);
        await parts.Blobs.GetBlobContainerClient(container).GetBlobClient("incoming/intro.flac").UploadAsync(BinaryData.FromBytes(bytes), Timeout());

        var link = await parts.Files.GetReadLinkAsync(keyId, service.Uuid, "intro.flac", TimeSpan.FromMinutes(15), Timeout());

        Assert.Contains("sp=r", link.Query, StringComparison.Ordinal);
        Assert.Equal(bytes, await Reader.GetByteArrayAsync(link, Timeout()));
    }

    [Fact]
    public async Task GetReadLinkAsync_UnknownOutgoingOnlyOrAnotherKeysService_UnusableService()
    {
        using var parts = new ServiceParts(azurite);
        var alice = NewKey();
        var outgoing = await parts.Registry.CreateAsync(alice, Request("""{"type": "http", "base_url": "http://127.0.0.1:9/", "incoming": false}"""), Timeout());
        var both = await parts.Registry.CreateAsync(alice, Request("""{"type": "http", "base_url": "http://127.0.0.1:9/"}"""), Timeout());

        var notIncoming = await Assert.ThrowsAsync<UnusableServiceException>(() => parts.Files.GetReadLinkAsync(alice, outgoing.Uuid, "a.mp3", TimeSpan.FromMinutes(1), Timeout()));
        var unknown = await Assert.ThrowsAsync<UnusableServiceException>(() => parts.Files.GetReadLinkAsync(alice, "ceigtvDv8jH6NaK52Z5eXH", "a.mp3", TimeSpan.FromMinutes(1), Timeout()));
        var othersKey = await Assert.ThrowsAsync<UnusableServiceException>(() => parts.Files.GetReadLinkAsync(NewKey(), both.Uuid, "a.mp3", TimeSpan.FromMinutes(1), Timeout()));
        var badName = await Assert.ThrowsAsync<ProductionSettingsException>(() => parts.Files.GetReadLinkAsync(alice, both.Uuid, "../secret.mp3", TimeSpan.FromMinutes(1), Timeout()));

        Assert.Contains("not an incoming service", notIncoming.Message, StringComparison.Ordinal);
        Assert.Equal("ceigtvDv8jH6NaK52Z5eXH", unknown.ServiceUuid);
        Assert.Equal(both.Uuid, othersKey.ServiceUuid);
        Assert.Equal("input_file", Assert.Single(badName.Errors).Field);
        Assert.Null(await parts.Registry.FindAsync(NewKey(), both.Uuid, Timeout()));
        Assert.Equal((true, true), ((await parts.Registry.FindAsync(alice, both.Uuid, Timeout()))!.Incoming, both.Outgoing));
    }

    [Fact]
    public async Task TransferAsync_Http_PutsEachFileWithItsTypeAndBytes()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, Timeout());
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var service = await parts.Registry.CreateAsync(keyId, Request($$"""{"type": "http", "base_url": "http://127.0.0.1:{{receiver.Port}}/uploads", "incoming": false}"""), Timeout());
        var bytes = RandomBytes(300_001);
        var file = await parts.OwnFileAsync("my episode.mp3", bytes, "audio/mpeg", Timeout());

        await parts.Transfer.TransferAsync(keyId, service.Uuid, new ServiceTransfer("KKw7AxpLrDBQKLVnQCBtCh", [file]), Timeout());

        var put = Assert.Single(await receiver.WaitForAsync(1, Timeout()));
        Assert.Equal(("PUT", "/uploads/my%20episode.mp3", "audio/mpeg"), (put.Method, put.PathAndQuery, put.Headers["Content-Type"]));
        Assert.Equal(bytes, put.Body);
    }

    [Fact]
    public async Task TransferAsync_S3LargerThanAPart_MultipartObjectOfTheSameBytesAndTheSmallOneWhole()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var prefix = $"out-{Guid.NewGuid():N}";
        var service = await parts.Registry.CreateAsync(keyId, S3Request(prefix), Timeout());
        var large = RandomBytes((int)(2 * Core.InlineStorage.InlineStorageOptions.MinPartSizeBytes) + 4321);
        var small = RandomBytes(2048);
        var files = new[] { await parts.OwnFileAsync("audio/episode.flac", large, "audio/flac", Timeout()), await parts.OwnFileAsync("episode.json", small, "application/json", Timeout()) };

        await parts.Transfer.TransferAsync(keyId, service.Uuid, new ServiceTransfer("KKw7AxpLrDBQKLVnQCBtCh", files), Timeout(120));

        using var s3 = S3Client();
        Assert.Equal(large, await ReadS3Async(s3, $"{prefix}/audio/episode.flac"));
        Assert.Equal(small, await ReadS3Async(s3, $"{prefix}/episode.json"));
        Assert.Contains($"{prefix}/audio/episode.flac?partNumber=3&", s3rver.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransferAsync_Azure_BlobOfTheSameBytesAndType()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var container = await NewContainerAsync();
        var service = await parts.Registry.CreateAsync(keyId, AzureRequest(parts, container, prefix: "published/2026", incoming: false), Timeout());
        var bytes = RandomBytes((int)Core.InlineStorage.InlineStorageOptions.MinPartSizeBytes + 77);
        var file = await parts.OwnFileAsync("episode.m4a", bytes, "audio/mp4", Timeout());

        await parts.Transfer.TransferAsync(keyId, service.Uuid, new ServiceTransfer("KKw7AxpLrDBQKLVnQCBtCh", [file]), Timeout(120));

        var blob = parts.Blobs.GetBlobContainerClient(container).GetBlobClient("published/2026/episode.m4a");
        var stored = (await blob.DownloadContentAsync(Timeout())).Value;
        Assert.Equal("audio/mp4", stored.Details.ContentType);
        Assert.Equal(bytes, stored.Content.ToArray());
    }

    [Fact]
    public async Task TransferAsync_Connected_PostsAJwtThatTheLibraryVerifiesWithTheAppsSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, Timeout());
        using var parts = new ServiceParts(azurite);
        const string secret = "app-client-secret-of-at-least-32-bytes!";
        parts.Secrets.Secrets["app-1"] = secret;
        var keyId = NewKey();
        var service = await parts.Registry.ConnectAsync(keyId, "app-1", new ConnectedServiceRequest("My Family Podcast", receiver.Url, "user-42"), Timeout());
        var file = await parts.OwnFileAsync("episode.mp3", RandomBytes(10), "audio/mpeg", Timeout());

        await parts.Transfer.TransferAsync(keyId, service.Uuid, new ServiceTransfer("KKw7AxpLrDBQKLVnQCBtCh", [file]), Timeout());

        var hook = Assert.Single(await receiver.WaitForAsync(1, Timeout()));
        Assert.Equal(("POST", "application/jwt"), (hook.Method, hook.Headers["Content-Type"]));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(Encoding.ASCII.GetString(hook.Body), new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal("KKw7AxpLrDBQKLVnQCBtCh", validation.Claims["uuid"]);
        Assert.Equal("user-42", validation.Claims["custom_data"]);
        Assert.True(validation.Claims.ContainsKey("iat") && validation.Claims.ContainsKey("exp"));
        var wrongSecret = await new JsonWebTokenHandler().ValidateTokenAsync(Encoding.ASCII.GetString(hook.Body), new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-apps-secret-of-32-bytes-or-more")),
            ValidateIssuer = false,
            ValidateAudience = false,
        });
        Assert.False(wrongSecret.IsValid);
        Assert.Equal(("connected", false, true), (service.Type, service.Incoming, service.Outgoing));
        Assert.Empty(service.Settings);
    }

    [Fact]
    public async Task TransferAsync_AnotherKeysOrAnIncomingOnlyService_UnusableServiceAndNothingSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, Timeout());
        using var parts = new ServiceParts(azurite);
        var alice = NewKey();
        var incomingOnly = await parts.Registry.CreateAsync(alice, Request($$"""{"type": "http", "base_url": "http://127.0.0.1:{{receiver.Port}}/", "outgoing": false}"""), Timeout());
        var both = await parts.Registry.CreateAsync(alice, Request($$"""{"type": "http", "base_url": "http://127.0.0.1:{{receiver.Port}}/"}"""), Timeout());
        var transfer = new ServiceTransfer("KKw7AxpLrDBQKLVnQCBtCh", [await parts.OwnFileAsync("a.mp3", RandomBytes(10), "audio/mpeg", Timeout())]);

        await Assert.ThrowsAsync<UnusableServiceException>(() => parts.Transfer.TransferAsync(alice, incomingOnly.Uuid, transfer, Timeout()));
        await Assert.ThrowsAsync<UnusableServiceException>(() => parts.Transfer.TransferAsync(NewKey(), both.Uuid, transfer, Timeout()));
        await Assert.ThrowsAsync<ArgumentException>(() => parts.Transfer.TransferAsync(alice, both.Uuid,
            transfer with { Files = [transfer.Files[0] with { ReadLink = new Uri($"http://127.0.0.1:{receiver.Port}/elsewhere") }] }, Timeout()));

        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task GetReadLinkAsync_AzureWithASasToken_TheBlobWithThatTokenGivesTheFilesBytes()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var container = parts.Blobs.GetBlobContainerClient(await NewContainerAsync());
        var sas = container.GenerateSasUri(Azure.Storage.Sas.BlobContainerSasPermissions.Read | Azure.Storage.Sas.BlobContainerSasPermissions.Write
            | Azure.Storage.Sas.BlobContainerSasPermissions.List | Azure.Storage.Sas.BlobContainerSasPermissions.Create | Azure.Storage.Sas.BlobContainerSasPermissions.Delete,
            DateTimeOffset.UtcNow.AddHours(1)).Query.TrimStart('?');
        var service = await parts.Registry.CreateAsync(keyId, Request(new JsonObject
        {
            ["type"] = "azure",
            ["endpoint"] = parts.ConnectionPart("BlobEndpoint"),
            ["account_name"] = parts.ConnectionPart("AccountName"),
            ["sas_token"] = sas,
            ["container"] = container.Name,
        }.ToJsonString()), Timeout());
        var bytes = RandomBytes(4096);
        await container.GetBlobClient("take one.wav").UploadAsync(BinaryData.FromBytes(bytes), Timeout());

        var link = await parts.Files.GetReadLinkAsync(keyId, service.Uuid, "take one.wav", TimeSpan.FromMinutes(15), Timeout());

        Assert.Equal(bytes, await Reader.GetByteArrayAsync(link, Timeout()));
    }

    [Fact]
    public async Task TransferAsync_ServiceNowOnARefusedAddressOrAppGone_NotRetryableTransferFailure()
    {
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 0, Timeout());
        using var allowing = new ServiceParts(azurite);
        using var refusing = new ServiceParts(azurite, allowPrivateNetworks: false);
        var keyId = NewKey();
        var http = await allowing.Registry.CreateAsync(keyId, Request($$"""{"type": "http", "base_url": "http://127.0.0.1:{{receiver.Port}}/"}"""), Timeout());
        var connected = await allowing.Registry.ConnectAsync(keyId, "app-gone", new ConnectedServiceRequest("Gone", receiver.Url, null), Timeout());
        var transfer = new ServiceTransfer("KKw7AxpLrDBQKLVnQCBtCh", [await allowing.OwnFileAsync("a.mp3", RandomBytes(10), "audio/mpeg", Timeout())]);

        var refused = await Assert.ThrowsAsync<ServiceTransferException>(() => refusing.Transfer.TransferAsync(keyId, http.Uuid, transfer, Timeout()));
        var appGone = await Assert.ThrowsAsync<ServiceTransferException>(() => allowing.Transfer.TransferAsync(keyId, connected.Uuid, transfer, Timeout()));

        Assert.False(refused.Retryable || appGone.Retryable);
        Assert.Contains("private, loopback or link-local", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no longer registered", appGone.Message, StringComparison.Ordinal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task DeleteAsync_S3_GoneAndItsSealedCredentialsNoLongerOpen()
    {
        using var parts = new ServiceParts(azurite);
        var keyId = NewKey();
        var service = await parts.Registry.CreateAsync(keyId, S3Request(null), Timeout());
        var stored = (await parts.Store.GetAsync(keyId, service.Uuid, Timeout()))!;

        Assert.False(await parts.Registry.DeleteAsync(NewKey(), service.Uuid, Timeout()));
        Assert.True(await parts.Registry.DeleteAsync(keyId, service.Uuid, Timeout()));

        Assert.Null(await parts.Registry.FindAsync(keyId, service.Uuid, Timeout()));
        await Assert.ThrowsAsync<System.Security.Cryptography.CryptographicException>(() =>
            parts.Protector.UnprotectAsync(new Core.InlineStorage.ProtectedInlineStorage(stored.SealedCredentials!, "s3", "", ""), Timeout()));
    }

    private ProductionServiceRequest S3Request(string? prefix, string? accessKey = null, string? endpoint = null) => Request(new JsonObject
    {
        ["type"] = "s3",
        ["display_name"] = "Bucket",
        ["endpoint"] = endpoint ?? s3rver.Endpoint.AbsoluteUri,
        ["bucket"] = S3rverFixture.Bucket,
        ["region"] = "us-east-1",
        ["access_key"] = accessKey ?? S3rverFixture.AccessKey,
        ["secret_key"] = S3Secret,
        ["prefix"] = prefix,
    }.ToJsonString());

    private static ProductionServiceRequest AzureRequest(ServiceParts parts, string container, string? accountKey = null, string? prefix = null, bool incoming = true) =>
        Request(new JsonObject
        {
            ["type"] = "azure",
            ["endpoint"] = parts.ConnectionPart("BlobEndpoint"),
            ["account_name"] = parts.ConnectionPart("AccountName"),
            ["account_key"] = accountKey ?? parts.ConnectionPart("AccountKey"),
            ["container"] = container,
            ["prefix"] = prefix,
            ["incoming"] = incoming,
        }.ToJsonString());

    private static ProductionServiceRequest Request(string json) => ProductionServiceRequest.Read(JsonNode.Parse(json)!.AsObject());

    private async Task<string> NewContainerAsync()
    {
        var name = $"svc-{Guid.NewGuid():N}";
        await new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(name).CreateAsync(cancellationToken: Timeout());
        return name;
    }

    private AmazonS3Client S3Client() => new(S3rverFixture.AccessKey, S3rverFixture.SecretKey,
        new AmazonS3Config { ServiceURL = s3rver.Endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private static async Task<byte[]> ReadS3Async(AmazonS3Client s3, string key)
    {
        using var response = await s3.GetObjectAsync(S3rverFixture.Bucket, key, Timeout());
        using var bytes = new MemoryStream();
        await response.ResponseStream.CopyToAsync(bytes, Timeout());
        return bytes.ToArray();
    }

    private static string NewKey() => $"key{Guid.NewGuid():N}";

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static CancellationToken Timeout(int seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
