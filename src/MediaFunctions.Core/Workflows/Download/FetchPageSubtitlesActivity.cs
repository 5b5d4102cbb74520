using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Download;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Core.Workflows.Download;

/// <summary>
/// A download's page subtitles, in the languages its media did not carry: WebVTT as served, SRT and ASS converted to it
/// (<see cref="DownloadPlanner.SubtitleConversionArguments"/>), each stored beside the media. A track the page lists but
/// does not serve (or serves broken) costs that track, not the download. Idempotent.
/// </summary>
public sealed class FetchPageSubtitlesActivity(FfmpegRunner ffmpeg, SideFileFetcher fetcher, DownloadFileStore store, JobStepGuard guard)
    : Activity<DownloadSideFiles, IReadOnlyList<JobOutput>>
{
    private const int MaxLanguages = 20;

    private static readonly string[] Preference = ["vtt", "srt", "ass"];

    public override async Task<IReadOnlyList<JobOutput>> RunAsync(ActivityContext context, DownloadSideFiles files, CancellationToken cancellationToken)
    {
        var job = files.Job;
        return await guard.RunInScratchFolderAsync(context, job.KeyId, job.JobId, job.Storage, async (folder, token) =>
        {
            var stored = new List<JobOutput>();
            var carried = files.Rendered.Where(output => output.Role == JobOutput.SubtitlesRole).Select(output => output.Language).ToHashSet();
            var byLanguage = job.Source!.Subtitles
                .Where(track => Preference.Contains(track.Extension) && track.Language.Length <= 16
                    && track.Language.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
                .GroupBy(track => track.Language)
                .Where(language => !carried.Contains(language.Key))
                .Take(MaxLanguages);
            foreach (var language in byLanguage)
            {
                var track = language.OrderBy(candidate => Array.IndexOf(Preference, candidate.Extension)).First();
                if (await FetchAsVttAsync(track.Url, track.Extension!, Path.Combine(folder, language.Key), token) is { } vtt)
                {
                    var subtitle = await store.StoreAsync(job, vtt, $"{job.FileBaseName}.{language.Key}.vtt", "vtt", "text/vtt", JobOutput.SubtitlesRole, token);
                    stored.Add(subtitle with { Language = language.Key });
                }
            }

            return (IReadOnlyList<JobOutput>)stored;
        }, cancellationToken);
    }

    // The track as WebVTT at pathStem.vtt; null when the page does not serve it or it does not convert.
    private async Task<string?> FetchAsVttAsync(Uri url, string extension, string pathStem, CancellationToken cancellationToken)
    {
        var vtt = $"{pathStem}.vtt";
        try
        {
            if (extension == "vtt")
            {
                await fetcher.FetchAsync(url, vtt, cancellationToken);
                return vtt;
            }

            var original = $"{pathStem}.{extension}";
            await fetcher.FetchAsync(url, original, cancellationToken);
            await ffmpeg.RunAsync(DownloadPlanner.SubtitleConversionArguments(original, vtt), cancellationToken: cancellationToken);
            return vtt;
        }
        catch (Exception unusable) when (unusable is HttpRequestException or UploadTooLargeException or FfmpegException)
        {
            return null;
        }
    }
}
