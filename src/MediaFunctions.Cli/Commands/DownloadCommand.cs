using System.Net.Http.Json;
using MediaFunctions.Cli.Jobs;

namespace MediaFunctions.Cli.Commands;

/// <summary>Downloads (and transcodes, clips, scales) a URL as a <c>download</c> job (<c>POST /api/jobs</c>), follows it and saves its files.</summary>
public sealed class DownloadCommand : ApiCommand<DownloadSettings>
{
    protected override Task<int> RunAsync(CommandSession session, DownloadSettings settings, CancellationToken cancellationToken) =>
        JobCompletion.RunAsync(session, settings.Folder, async _ =>
        {
            var body = settings.Fields();
            body["kind"] = "download";
            body["url"] = settings.MediaUrl;
            if (!string.IsNullOrWhiteSpace(settings.FileName))
            {
                body["filename"] = settings.FileName;
            }

            var accepted = await session.Client.PostAsync("/api/jobs", () => JsonContent.Create(body), session.Keys.Submit, cancellationToken);
            return (accepted.TryGetProperty("jobId", out var id) ? id : accepted.GetProperty("id")).GetString()!;
        }, cancellationToken);
}
