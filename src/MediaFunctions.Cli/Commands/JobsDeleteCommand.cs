using System.Text.Json;
using MediaFunctions.Cli.Display;
using Spectre.Console;

namespace MediaFunctions.Cli.Commands;

/// <summary>Deletes a job with its files (<c>DELETE /api/jobs/{id}</c>); a running job is stopped first.</summary>
public sealed class JobsDeleteCommand : ApiCommand<JobIdSettings>
{
    protected override async Task<int> RunAsync(CommandSession session, JobIdSettings settings, CancellationToken cancellationToken)
    {
        await session.Client.DeleteAsync($"/api/jobs/{Uri.EscapeDataString(settings.JobId)}", cancellationToken);
        if (session.Terminal.Json)
        {
            Terminal.WriteDocument(JsonSerializer.SerializeToElement(new { id = settings.JobId, deleted = true }));
        }
        else
        {
            session.Terminal.Out.MarkupLine($"Deleted job {Markup.Escape(settings.JobId)}.");
        }

        return ExitCodes.Done;
    }
}
