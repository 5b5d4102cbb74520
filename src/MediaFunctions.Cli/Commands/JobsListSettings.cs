using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn jobs list [--limit N]</c>.</summary>
public sealed class JobsListSettings : ApiCommandSettings
{
    [CommandOption("--limit <N>")]
    [Description("How many of the newest jobs to show (1–100).")]
    [DefaultValue(20)]
    public int Limit { get; set; } = 20;

    public override ValidationResult Validate() =>
        Limit is >= 1 and <= 100 ? ValidationResult.Success() : ValidationResult.Error("--limit must be between 1 and 100.");
}
