using MediaFunctions.Cli.Display;

namespace MediaFunctions.Cli.Commands;

/// <summary>Shows one job as <c>GET /api/jobs/{id}</c> answers it.</summary>
public sealed class JobsGetCommand : ApiCommand<JobIdSettings>
{
    protected override async Task<int> RunAsync(CommandSession session, JobIdSettings settings, CancellationToken cancellationToken)
    {
        Terminal.WriteDocument(await session.Client.GetJsonAsync($"/api/jobs/{Uri.EscapeDataString(settings.JobId)}", cancellationToken));
        return ExitCodes.Done;
    }
}
