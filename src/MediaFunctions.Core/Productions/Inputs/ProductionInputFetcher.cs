using System.Globalization;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Productions.Runs;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Core.Sources;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Productions.Inputs;

/// <summary>
/// Brings a run's inputs into the productions container and probes them. An upload is there already; a URL (or a registered
/// service's file, through the link the service gives) is streamed in once, through the guarded client that holds every
/// hop to the URL sources' address rules, because a production decodes its input more than once (measure, render).
/// </summary>
public sealed class ProductionInputFetcher(
    BlobServiceClient blobs,
    GuardedHttpClient http,
    ProductionServiceFiles services,
    MediaProber prober,
    SasLinkIssuer links,
    TimeProvider clock,
    IOptions<JobOptions> options)
{
    /// <summary>How long a link the run reads an input through lasts: one decode of a long input at worst.</summary>
    public static readonly TimeSpan ReadLinkLifetime = TimeSpan.FromHours(6);

    /// <summary>Stages and probes an audio or video input.</summary>
    /// <exception cref="ProductionInputException">It could not be fetched, or is not audio or video.</exception>
    public async Task<StagedProductionInput> StageMediaAsync(string keyId, string uuid, ProductionSource source, CancellationToken cancellationToken = default)
    {
        var blob = await StageAsync(keyId, uuid, source, cancellationToken);
        MediaProbe probe;
        try
        {
            probe = await prober.ProbeAsync((await ReadLinkAsync(blob, cancellationToken)).AbsoluteUri, cancellationToken: cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is FfmpegException or MediaProbeException)
        {
            throw new ProductionInputException($"The {source.Field} is not audio or video ffmpeg can read: {unreadable.Message}");
        }

        var audio = probe.PrimaryAudioStream ?? throw new ProductionInputException($"The {source.Field} has no audio stream.");
        return new StagedProductionInput(source.Field, blob, probe.Duration?.TotalSeconds ?? 0, probe.VideoStreams.Any(), audio.SampleRate ?? 48_000, audio.Channels ?? 2,
            probe.FormatNames);
    }

    /// <summary>Stages the cover image and checks it is a picture.</summary>
    /// <exception cref="ProductionInputException">It could not be fetched, or is not a picture.</exception>
    public async Task<string> StageImageAsync(string keyId, string uuid, ProductionSource source, CancellationToken cancellationToken = default)
    {
        var blob = await StageAsync(keyId, uuid, source, cancellationToken);
        try
        {
            var probe = await prober.ProbeAsync((await ReadLinkAsync(blob, cancellationToken)).AbsoluteUri, cancellationToken: cancellationToken);
            if (probe.AudioStreams.Any() || !probe.Streams.Any(stream => stream.Kind == MediaStreamKind.Video))
            {
                throw new ProductionInputException("The image is not a picture.");
            }
        }
        catch (Exception unreadable) when (unreadable is FfmpegException or MediaProbeException)
        {
            throw new ProductionInputException($"The image is not a picture ffmpeg can read: {unreadable.Message}");
        }

        return blob;
    }

    /// <summary>The most bytes a chapter's image may take.</summary>
    public const long MaxChapterImageBytes = 10 * 1024 * 1024;

    /// <summary>Copies a staged file (the cover image) to a local path for the render.</summary>
    public async Task DownloadAsync(string blob, string path, CancellationToken cancellationToken = default) =>
        await blobs.GetBlobContainerClient(MediaContainers.Productions).GetBlobClient(blob).DownloadToAsync(path, cancellationToken);

    /// <summary>Fetches a chapter's image (a link in the chapter marks) to a local path, through the guarded client.</summary>
    /// <exception cref="ProductionInputException">It could not be fetched or is larger than <see cref="MaxChapterImageBytes"/>.</exception>
    public async Task FetchChapterImageAsync(Uri url, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProductionInputException(string.Create(CultureInfo.InvariantCulture,
                    $"The chapter image at {url.Host} could not be fetched: it answered {(int)response.StatusCode} {response.ReasonPhrase}."));
            }

            await using var body = new SizeLimitedStream(await response.Content.ReadAsStreamAsync(cancellationToken), MaxChapterImageBytes);
            await using var file = File.Create(path);
            await body.CopyToAsync(file, cancellationToken);
        }
        catch (Exception failure) when (failure is HttpRequestException or IOException or InvalidJobInputException or UploadTooLargeException)
        {
            throw new ProductionInputException($"The chapter image at {url.Host} could not be fetched: {failure.Message}");
        }
    }

    /// <summary>
    /// Keeps a file a run's analysis made for its render (the processed main audio, a track's gain curve), which may run on
    /// another instance, and returns its blob: in the work container, whose lifecycle rule sweeps it a day later; the next
    /// run's replaces it.
    /// </summary>
    public async Task<string> StoreWorkFileAsync(string keyId, string uuid, string name, string path, CancellationToken cancellationToken = default)
    {
        var blob = MediaContainers.JobPrefix(keyId, Records.Production.FilesId(uuid)) + name;
        await blobs.GetBlobContainerClient(MediaContainers.Work).GetBlobClient(blob)
            .UploadAsync(path, JobFiles.StreamedUploadOptions(), cancellationToken);
        return blob;
    }

    /// <summary>A link ffmpeg reads a file of <see cref="StoreWorkFileAsync"/> through.</summary>
    public Task<Uri> ReadWorkLinkAsync(string blob, CancellationToken cancellationToken = default) =>
        links.IssueReadLinkAsync(MediaContainers.Work, blob, clock.GetUtcNow() + ReadLinkLifetime, cancellationToken: cancellationToken);

    /// <summary>Reads a file of <see cref="StoreWorkFileAsync"/>.</summary>
    public async Task<Stream> OpenWorkFileAsync(string blob, CancellationToken cancellationToken = default) =>
        await blobs.GetBlobContainerClient(MediaContainers.Work).GetBlobClient(blob).OpenReadAsync(cancellationToken: cancellationToken);

    /// <summary>A link ffmpeg reads a staged input through.</summary>
    public Task<Uri> ReadLinkAsync(string blob, CancellationToken cancellationToken = default) =>
        links.IssueReadLinkAsync(MediaContainers.Productions, blob, clock.GetUtcNow() + ReadLinkLifetime, cancellationToken: cancellationToken);

    private async Task<string> StageAsync(string keyId, string uuid, ProductionSource source, CancellationToken cancellationToken)
    {
        if (source.UploadBlob is { } uploaded)
        {
            return uploaded;
        }

        var url = source.Url is { } direct
            ? new Uri(direct)
            : await services.GetReadLinkAsync(keyId, source.ServiceUuid!, source.ServiceFile!, ReadLinkLifetime, cancellationToken);
        var blob = blobs.GetBlobContainerClient(MediaContainers.Productions)
            .GetBlobClient(MediaContainers.JobPrefix(keyId, Records.Production.FilesId(uuid)) + "fetched-" + source.Field);
        var limit = options.Value.MaxSourceBytesFor(keyId);
        long read = 0;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ProductionInputException(string.Create(CultureInfo.InvariantCulture,
                    $"The {source.Field} could not be fetched: {Describe(source)} answered {(int)response.StatusCode} {response.ReasonPhrase}."));
            }

            if (response.Content.Headers.ContentLength is { } length && length > limit)
            {
                throw new ProductionInputException($"The {source.Field} could not be fetched: {new SourceTooLargeException(limit, length).Message}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var limited = new SizeLimitedStream(body, limit);
            try
            {
                await blob.UploadAsync(limited, JobFiles.StreamedUploadOptions(), cancellationToken);
            }
            finally
            {
                read = limited.BytesRead;
            }

            if (read == 0)
            {
                throw new ProductionInputException($"The {source.Field} at {Describe(source)} is empty.");
            }

            if (response.Content.Headers.ContentLength is { } expected && read != expected)
            {
                throw new ProductionInputException(string.Create(CultureInfo.InvariantCulture,
                    $"The {source.Field} at {Describe(source)} ended after {read:N0} of its {expected:N0} bytes."));
            }

            return blob.Name;
        }
        catch (UploadTooLargeException)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw new ProductionInputException($"The {source.Field} could not be fetched: {new SourceTooLargeException(limit, null).Message}");
        }
        catch (InvalidJobInputException refused)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw new ProductionInputException($"The {source.Field} could not be fetched: {refused.Message}");
        }
        catch (Exception failure) when (failure is not (ProductionInputException or OperationCanceledException))
        {
            // The connection broke (a reset surfaces from the storage upload that was reading it, in its own exception types).
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw new ProductionInputException(string.Create(CultureInfo.InvariantCulture,
                $"Reading the {source.Field} from {Describe(source)} failed after {read:N0} bytes: {failure.Message}"));
        }
        catch
        {
            await blob.DeleteIfExistsAsync(cancellationToken: CancellationToken.None);
            throw;
        }
    }

    // The URL is named by its host only: its path or query may hold a token.
    private static string Describe(ProductionSource source) => source.Url is { } url ? new Uri(url).Host : $"service {source.ServiceUuid}";
}
