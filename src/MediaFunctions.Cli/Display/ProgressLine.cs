using Spectre.Console;

namespace MediaFunctions.Cli.Display;

/// <summary>
/// One bar on the <see cref="ProgressBoard"/> (an upload, a job, a batch item, a download), or nothing at all in
/// <c>--json</c> mode, so the code that reports progress does not care whether anyone watches.
/// </summary>
public sealed class ProgressLine
{
    private readonly ProgressTask? task;

    internal ProgressLine(ProgressTask? task) => this.task = task;

    /// <summary>Moves the bar to <paramref name="value"/> of <paramref name="max"/>, with a new label when given.</summary>
    public void Report(double value, double? max = null, string? label = null)
    {
        if (task is null)
        {
            return;
        }

        if (max is > 0)
        {
            task.MaxValue = max.Value;
        }

        if (label is not null)
        {
            task.Description = Markup.Escape(label);
        }

        task.Value = Math.Min(value, task.MaxValue);
    }

    /// <summary>Fills the bar and stops its clock, with a final label when given.</summary>
    public void Finish(string? label = null)
    {
        if (task is null)
        {
            return;
        }

        if (label is not null)
        {
            task.Description = Markup.Escape(label);
        }

        task.Value = task.MaxValue;
        task.StopTask();
    }

    /// <summary>Stops the bar where it is (a failed job), with a final label.</summary>
    public void Stop(string label)
    {
        if (task is null)
        {
            return;
        }

        task.Description = Markup.Escape(label);
        task.StopTask();
    }
}
