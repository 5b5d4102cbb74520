using MediaFunctions.Cli.Jobs;

namespace MediaFunctions.Cli.Commands;

/// <summary>Follows a job started elsewhere (another shell, a script, the web console) to its end and saves its files.</summary>
public sealed class WaitCommand : ApiCommand<WaitSettings>
{
    protected override Task<int> RunAsync(CommandSession session, WaitSettings settings, CancellationToken cancellationToken) =>
        JobCompletion.RunAsync(session, settings.Folder, _ => Task.FromResult(settings.JobId), cancellationToken);
}
