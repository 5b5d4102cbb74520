using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Core.Storage;

namespace MediaFunctions.Core.Productions.Records;

/// <summary>
/// A production's transcript as its <c>transcript</c> shows it, kept as a JSON blob beside its result files (so a reset or a
/// delete takes it with them).
/// </summary>
public sealed class ProductionTranscripts(BlobServiceClient blobs)
{
    /// <summary>Its name within the production's files; a folder, so no output file's plain name can be the same.</summary>
    public const string FileName = "speech/transcript.json";

    /// <summary>Writes <paramref name="transcript"/> for the production and returns its blob's name.</summary>
    public async Task<string> WriteAsync(string keyId, string uuid, JsonObject transcript, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        var name = MediaContainers.OutputBlob(keyId, Production.FilesId(uuid), FileName);
        await Container.GetBlobClient(name).UploadAsync(BinaryData.FromString(transcript.ToJsonString()),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
        return name;
    }

    /// <summary>The transcript in <paramref name="blobName"/>; null when it is gone (the production was reset meanwhile).</summary>
    public async Task<JsonObject?> ReadAsync(string blobName, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await Container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return JsonNode.Parse(content.Value.Content.ToStream()) as JsonObject;
        }
        catch (RequestFailedException missing) when (missing.Status == 404)
        {
            return null;
        }
    }

    private BlobContainerClient Container => blobs.GetBlobContainerClient(MediaContainers.Outputs);
}
