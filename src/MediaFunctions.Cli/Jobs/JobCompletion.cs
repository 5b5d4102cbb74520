using System.Text.Json;
using MediaFunctions.Cli.Commands;
using MediaFunctions.Cli.Display;
using MediaFunctions.Cli.Events;
using MediaFunctions.Cli.Results;

namespace MediaFunctions.Cli.Jobs;

/// <summary>
/// The shared end of <c>extract</c>, <c>download</c> and <c>wait</c>: submit (or name) a job, follow its events
/// with a bar, save its files into the output folder, and report.
/// </summary>
public static class JobCompletion
{
    /// <summary>Runs <paramref name="submit"/> (which returns the job id) and the rest; returns the exit code.</summary>
    public static async Task<int> RunAsync(
        CommandSession session, string folder, Func<ProgressBoard, Task<string>> submit, CancellationToken cancellationToken)
    {
        var (job, files) = await session.Terminal.Board.RunAsync(async board =>
        {
            var jobId = await submit(board);
            var job = await FollowAsync(session, board, jobId, cancellationToken);
            IReadOnlyList<string> files = JobStates.IsCompleted(job)
                ? await new ResultDownloader(session.Client, board).DownloadAllAsync(ResultFile.OfJob(job), folder, cancellationToken)
                : [];
            return (job, files);
        });
        var id = job.GetProperty("id").GetString();
        return CommandOutcome.Finish(session.Terminal, job, files, $"job {id} {JobStates.State(job)}",
            JobStates.IsCompleted(job) ? null : JobStates.Failure(job));
    }

    /// <summary>Follows job <paramref name="jobId"/> to its end with one bar; returns its final state.</summary>
    public static async Task<JsonElement> FollowAsync(CommandSession session, ProgressBoard board, string jobId, CancellationToken cancellationToken)
    {
        var path = $"/api/jobs/{Uri.EscapeDataString(jobId)}";
        var line = board.Add($"job {jobId}");
        var job = await new ResourceFollower(session.Client, path, path + "/events", JobStates.HasEnded).FollowAsync(snapshot =>
        {
            var (stage, progress) = JobStates.Progress(snapshot);
            line.Report(progress, 100, $"job {jobId}: {stage}");
        }, cancellationToken);
        if (JobStates.IsCompleted(job))
        {
            line.Finish($"job {jobId}: completed");
        }
        else
        {
            line.Stop($"job {jobId}: {JobStates.State(job)}");
        }

        return job;
    }
}
