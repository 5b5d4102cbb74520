using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Links;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Storage;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// A download's thumbnail: the page's own picture (JPEG, PNG or WebP), else a frame of the stored video
/// (<see cref="DownloadPlanner.ThumbnailArguments"/>, read in place by ranges, not copied), stored beside the media;
/// null for audio without a page picture. Idempotent.
/// </summary>
public sealed class MakeThumbnailActivity(FfmpegRunner ffmpeg, SideFileFetcher fetcher, SasLinkIssuer links, DownloadFileStore store, JobStepGuard guard,
    TimeProvider clock) : Activity<DownloadSideFiles, JobOutput?>
{
    private static readonly TimeSpan ReadLinkLifetime = TimeSpan.FromMinutes(10);

    public override async Task<JobOutput?> RunAsync(ActivityContext context, DownloadSideFiles files, CancellationToken cancellationToken)
    {
        var job = files.Job;
        return await guard.RunInScratchFolderAsync(context, job.KeyId, job.JobId, job.Storage, async (folder, token) =>
        {
            if (await PictureAsync(job.Source!.ThumbnailUrl, files.Media(), folder, token) is not { } picture)
            {
                return null;
            }

            var extension = Path.GetExtension(picture.Path).TrimStart('.');
            return await store.StoreAsync(job, picture.Path, $"{job.FileBaseName}.{extension}", extension, picture.MimeType, JobOutput.ThumbnailRole, token);
        }, cancellationToken);
    }

    private async Task<(string Path, string MimeType)?> PictureAsync(Uri? pagePicture, JobOutput media, string folder, CancellationToken cancellationToken)
    {
        if (pagePicture is not null)
        {
            var fetched = Path.Combine(folder, "thumbnail");
            string? mimeType;
            try
            {
                mimeType = await fetcher.FetchAsync(pagePicture, fetched, cancellationToken);
            }
            catch (Exception unusable) when (unusable is HttpRequestException or UploadTooLargeException)
            {
                // A frame of the video stands in for a thumbnail the page lists but does not serve.
                mimeType = null;
            }

            var extension = mimeType switch
            {
                "image/png" => "png",
                "image/webp" => "webp",
                "image/jpeg" => "jpg",
                _ => null,
            };
            if (extension is not null)
            {
                File.Move(fetched, $"{fetched}.{extension}");
                return ($"{fetched}.{extension}", mimeType!);
            }
        }

        if (media.VideoCodec is null)
        {
            return null;
        }

        // The file in our storage is read through a short read link; the caller's storage gave the file's own.
        var mediaUrl = media.Url ?? (await links.IssueReadLinkAsync(MediaContainers.Outputs, media.BlobName, clock.GetUtcNow() + ReadLinkLifetime,
            cancellationToken: cancellationToken)).AbsoluteUri;
        var frame = Path.Combine(folder, "thumbnail.jpg");
        await ffmpeg.RunAsync(DownloadPlanner.ThumbnailArguments(mediaUrl, TimeSpan.FromSeconds(media.DurationSeconds), frame), cancellationToken: cancellationToken);
        return (frame, "image/jpeg");
    }
}
