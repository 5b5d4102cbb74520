using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Host.Tests.Telemetry;

/// <summary>One Azurite for the telemetry tests, with a 3-second tone published at a URL signed with a SAS.</summary>
public sealed class TelemetryStorageFixture : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mf-otel-" + Guid.NewGuid().ToString("N"));

    public string ConnectionString => _azurite.ConnectionString;

    /// <summary>The tone's blob URL with a read SAS: its query holds <c>sig=</c>, <c>se=</c> and <c>sp=</c>.</summary>
    public Uri SignedToneUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var tone = Path.Combine(_folder, "tone.mp3");
        await Task.WhenAll(_azurite.InitializeAsync(), GeneratedMedia.WriteToneAsync(tone, seconds: 3));
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("published-media");
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("talk/tone.mp3");
        await blob.UploadAsync(tone, overwrite: true);
        SignedToneUrl = blob.GenerateSasUri(BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1));
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
