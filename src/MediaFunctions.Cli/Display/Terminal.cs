using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;

namespace MediaFunctions.Cli.Display;

/// <summary>
/// Where a command writes: progress and its done line to the terminal, or with <c>--json</c> exactly one JSON
/// document on stdout and nothing else there; errors always to stderr.
/// </summary>
public sealed class Terminal
{
    // NOTE: relaxed escaping keeps '+' and '&' as the API wrote them (timestamps, signed links); the output is JSON for a pipe, not HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public Terminal(bool json)
    {
        Json = json;
        Out = AnsiConsole.Console;
        Error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        Board = new ProgressBoard(json ? null : Out);
    }

    /// <summary>True when stdout is for a script.</summary>
    public bool Json { get; }

    /// <summary>The terminal's own console (stdout).</summary>
    public IAnsiConsole Out { get; }

    /// <summary>stderr, for messages that must not mix with the JSON.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>The progress bars (none with <c>--json</c>).</summary>
    public ProgressBoard Board { get; }

    /// <summary>Writes the one JSON document of a <c>--json</c> run.</summary>
    public static void WriteDocument(JsonElement document) => Console.Out.WriteLine(JsonSerializer.Serialize(document, Indented));

    /// <summary>A line for people, on the terminal; nothing with <c>--json</c>.</summary>
    public void Line(string markup)
    {
        if (!Json)
        {
            Out.MarkupLine(markup);
        }
    }
}
