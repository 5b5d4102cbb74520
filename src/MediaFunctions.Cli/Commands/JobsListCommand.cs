using System.Globalization;
using System.Text.Json;
using MediaFunctions.Cli.Display;
using MediaFunctions.Cli.Jobs;
using Spectre.Console;

namespace MediaFunctions.Cli.Commands;

/// <summary>Lists the key's newest jobs (<c>GET /api/jobs</c>): a table, or with <c>--json</c> the API's array.</summary>
public sealed class JobsListCommand : ApiCommand<JobsListSettings>
{
    protected override async Task<int> RunAsync(CommandSession session, JobsListSettings settings, CancellationToken cancellationToken)
    {
        var jobs = await session.Client.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/api/jobs?pageSize={settings.Limit}"), cancellationToken);
        if (session.Terminal.Json)
        {
            Terminal.WriteDocument(jobs);
            return ExitCodes.Done;
        }

        var table = new Table().AddColumns("ID", "Kind", "State", "Stage", "Progress", "Created");
        foreach (var job in jobs.EnumerateArray())
        {
            var (stage, progress) = JobStates.Progress(job);
            table.AddRow(Markup.Escape(job.GetProperty("id").GetString() ?? ""), Markup.Escape(Text(job, "kind")), Markup.Escape(JobStates.State(job)),
                Markup.Escape(stage), string.Create(CultureInfo.InvariantCulture, $"{progress}%"), Markup.Escape(Text(job, "createdAt")));
        }

        session.Terminal.Out.Write(table);
        return ExitCodes.Done;
    }

    private static string Text(JsonElement job, string name) => job.TryGetProperty(name, out var value) ? value.ToString() : "";
}
