using Spectre.Console;

namespace MediaFunctions.Cli.Display;

/// <summary>
/// The live progress display of one command: Spectre.Console's progress bars on the terminal, one
/// <see cref="ProgressLine"/> per upload, job, batch item and download, or nothing when the output is for a script.
/// </summary>
public sealed class ProgressBoard
{
    private readonly IAnsiConsole? console;
    private ProgressContext? context;

    /// <param name="console">The terminal to draw on; <c>null</c> draws nothing (<c>--json</c>).</param>
    public ProgressBoard(IAnsiConsole? console) => this.console = console;

    /// <summary>Runs <paramref name="work"/> while the bars are drawn; they stay on screen after it ends.</summary>
    public async Task<T> RunAsync<T>(Func<ProgressBoard, Task<T>> work)
    {
        if (console is null)
        {
            return await work(this);
        }

        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async progress =>
            {
                context = progress;
                try
                {
                    return await work(this);
                }
                finally
                {
                    context = null;
                }
            });
    }

    /// <summary>A new bar labelled <paramref name="label"/> that is full at <paramref name="max"/>.</summary>
    public ProgressLine Add(string label, double max = 100) =>
        new(context?.AddTask(Markup.Escape(label), autoStart: true, maxValue: max > 0 ? max : 1));
}
