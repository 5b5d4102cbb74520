using System.Text.Json;
using MediaFunctions.Cli.Api;
using MediaFunctions.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli;

/// <summary>
/// mediafn's verbs and how a run ends: every failure prints one message on stderr (the API's <c>error.message</c>
/// when the API refused) and exits with the code <see cref="ExitCodes"/> documents.
/// </summary>
public static class MediafnApp
{
    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(Configure);
        var errors = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        try
        {
            return await app.RunAsync(args, cancellationToken);
        }
        catch (MediafnException e)
        {
            errors.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)}");
            return e.ExitCode;
        }
        catch (CommandAppException e)
        {
            errors.MarkupLine($"[red]Error:[/] {Markup.Escape(e.Message)}");
            errors.MarkupLine("See 'mediafn --help' (or 'mediafn COMMAND --help').");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.MarkupLine("Cancelled; the job goes on on the server ('mediafn wait ID' follows it again).");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or JsonException or FormatException)
        {
            // An answer without the fields this version reads: a server of another version, or not this API at all.
            errors.MarkupLine($"[red]Error:[/] the API's answer was not what mediafn expects ({Markup.Escape(e.Message)}).");
            return ExitCodes.Failed;
        }
    }

    private static void Configure(IConfigurator config)
    {
        config.SetApplicationName("mediafn");
        config.PropagateExceptions();
        config.UseStrictParsing();
        config.AddCommand<ExtractCommand>("extract")
            .WithDescription("Extract audio from a file or URL in one or several formats, and save the files.")
            .WithExample("extract", "talk.mp4", "--format", "mp3", "--format", "wav", "--start", "10", "--duration", "5", "-o", "out");
        config.AddCommand<DownloadCommand>("download")
            .WithDescription("Download (transcode, clip, scale) a URL, and save the files.")
            .WithExample("download", "https://example.com/talk.mp4", "--format", "webm", "--max-resolution", "720", "--clip-end", "00:02:00");
        config.AddCommand<BatchCommand>("batch")
            .WithDescription("Download every item of a playlist, feed or list of URLs, one bar per item, and save the files.")
            .WithExample("batch", "--urls-file", "urls.txt", "--audio-only");
        config.AddCommand<ProductionCommand>("production")
            .WithDescription("Run an Auphonic-style podcast production (loudness, outputs, tags) and save its files.")
            .WithExample("production", "episode.wav", "--loudness", "-16", "--output", "mp3", "--title", "Episode 1");
        config.AddBranch("jobs", jobs =>
        {
            jobs.SetDescription("List (the default), show or delete jobs.");
            jobs.SetDefaultCommand<JobsListCommand>();
            jobs.AddCommand<JobsListCommand>("list").WithDescription("The newest jobs of the key.");
            jobs.AddCommand<JobsGetCommand>("get").WithDescription("One job as the API shows it (JSON).");
            jobs.AddCommand<JobsDeleteCommand>("delete").WithDescription("Delete a job and its files.");
        });
        config.AddCommand<WaitCommand>("wait")
            .WithDescription("Follow a job to its end and save its files.");
    }
}
