using System.Buffers.Text;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Productions.Records;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Validation;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Productions.Inputs;

/// <summary>
/// Files uploaded to a production: each streamed into the productions container as it arrives, then probed, so a file that is
/// empty, too large, or not what its field needs (audio or video for an input, a picture for <c>image</c>) is refused
/// with its field named and nothing of it kept.
/// </summary>
public sealed class ProductionUploads(BlobServiceClient blobs, MediaProber prober, SasLinkIssuer links, TimeProvider clock, IOptions<JobOptions> options)
{
    /// <summary>The form field of a production's cover image.</summary>
    public const string ImageField = "image";

    private static readonly HashSet<string> PictureCodecs = new(StringComparer.Ordinal) { "mjpeg", "png", "webp", "bmp", "gif", "tiff" };

    /// <summary>Stores <paramref name="content"/> as the production's file of <paramref name="field"/> and checks it.</summary>
    /// <exception cref="ProductionSettingsException">The file is empty or not media (a picture for <see cref="ImageField"/>); the error names <paramref name="field"/>.</exception>
    /// <exception cref="UploadTooLargeException">It is larger than the upload cap.</exception>
    public async Task<ProductionUpload> StageAsync(string keyId, string uuid, string field, string? fileName, Stream content, CancellationToken cancellationToken = default)
    {
        var blob = blobs.GetBlobContainerClient(MediaContainers.Productions).GetBlobClient(NewBlobName(keyId, uuid, field));
        var limited = new SizeLimitedStream(content, options.Value.MaxUploadBytes);
        try
        {
            await blob.UploadAsync(limited, JobFiles.StreamedUploadOptions(), cancellationToken);
            if (limited.BytesRead == 0)
            {
                throw Refused(field, "The uploaded file is empty.");
            }

            await CheckAsync(blob.Name, field, cancellationToken);
            return new ProductionUpload(field, string.IsNullOrWhiteSpace(fileName) ? field : Path.GetFileName(fileName), blob.Name, limited.BytesRead);
        }
        catch
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }
    }

    /// <summary>Deletes an uploaded file.</summary>
    public Task DeleteAsync(ProductionUpload upload, CancellationToken cancellationToken = default) =>
        blobs.GetBlobContainerClient(MediaContainers.Productions).DeleteBlobIfExistsAsync(upload.BlobName, cancellationToken: cancellationToken);

    /// <summary>
    /// Where a new file of <paramref name="field"/> is kept: field names are free text (a track id), so they are encoded, and
    /// each upload gets a name of its own, so a replacement that fails leaves the file it would have replaced.
    /// </summary>
    private static string NewBlobName(string keyId, string uuid, string field) =>
        MediaContainers.JobPrefix(keyId, Production.FilesId(uuid)) + "upload-" + Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(field))
        + "-" + Guid.NewGuid().ToString("N");

    private async Task CheckAsync(string blobName, string field, CancellationToken cancellationToken)
    {
        var link = await links.IssueReadLinkAsync(MediaContainers.Productions, blobName, clock.GetUtcNow().AddMinutes(10), cancellationToken: cancellationToken);
        MediaProbe probe;
        try
        {
            probe = await prober.ProbeAsync(link.AbsoluteUri, cancellationToken: cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is FfmpegException or MediaProbeException)
        {
            throw Refused(field, field == ImageField ? "The image is not a picture ffmpeg can read (JPEG, PNG, WebP, GIF, BMP or TIFF)."
                : "The file is not audio or video ffmpeg can read.");
        }

        if (field == ImageField)
        {
            if (!probe.Streams.Any(stream => stream.Kind == MediaStreamKind.Video && PictureCodecs.Contains(stream.CodecName ?? "")) || probe.AudioStreams.Any())
            {
                throw Refused(field, "The image is not a picture (JPEG, PNG, WebP, GIF, BMP or TIFF).");
            }
        }
        else if (probe.PrimaryAudioStream is null)
        {
            throw Refused(field, "The file has no audio stream.");
        }
    }

    private static ProductionSettingsException Refused(string field, string message) => new([new ValidationError(field, message)]);
}
