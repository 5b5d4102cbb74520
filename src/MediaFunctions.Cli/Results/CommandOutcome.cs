using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Cli.Display;
using Spectre.Console;

namespace MediaFunctions.Cli.Results;

/// <summary>
/// How a command that followed work ends: with <c>--json</c> the final resource as its GET shows it plus
/// <c>"files"</c> (the saved paths) on stdout; on a terminal a done line and the files; a failure's message on
/// stderr either way, and the exit code (0 done, 1 failed).
/// </summary>
public static class CommandOutcome
{
    /// <summary>Writes the outcome and returns the exit code.</summary>
    /// <param name="terminal">Where to write.</param>
    /// <param name="resource">The final resource.</param>
    /// <param name="files">The saved files' full paths.</param>
    /// <param name="summary">What ended and how, e.g. <c>job dev-1 completed</c>.</param>
    /// <param name="failure">Why it failed (the API's message), or <c>null</c> when it succeeded.</param>
    public static int Finish(Terminal terminal, JsonElement resource, IReadOnlyList<string> files, string summary, string? failure)
    {
        if (terminal.Json)
        {
            var document = JsonNode.Parse(resource.GetRawText()) as JsonObject ?? new JsonObject { ["resource"] = JsonNode.Parse(resource.GetRawText()) };
            document["files"] = new JsonArray([.. files.Select(path => (JsonNode?)JsonValue.Create(path))]);
            Terminal.WriteDocument(JsonSerializer.SerializeToElement(document));
        }
        else if (failure is null)
        {
            terminal.Out.MarkupLine($"[green]Done:[/] {Markup.Escape(summary)}, {files.Count} file{(files.Count == 1 ? "" : "s")}");
            foreach (var path in files)
            {
                terminal.Out.MarkupLine($"  {Markup.Escape(path)} ({Size(new FileInfo(path).Length)})");
            }
        }

        if (failure is null)
        {
            return ExitCodes.Done;
        }

        terminal.Error.MarkupLine($"[red]Failed:[/] {Markup.Escape(summary)}: {Markup.Escape(failure)}");
        return ExitCodes.Failed;
    }

    /// <summary>A byte count for people: <c>352.7 kB</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1000 * 1000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1000.0:0.0} kB"),
        < 1000L * 1000 * 1000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
    };
}
