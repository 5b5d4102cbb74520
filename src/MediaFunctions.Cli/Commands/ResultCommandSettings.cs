using System.ComponentModel;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary>The options of commands that end by saving result files.</summary>
public class ResultCommandSettings : ApiCommandSettings
{
    [CommandOption("-o|--output-dir <DIR>")]
    [Description("Where the result files are written (created if missing). Default: the current directory.")]
    public string? OutputDirectory { get; set; }

    /// <summary>The folder results go to.</summary>
    public string Folder => string.IsNullOrWhiteSpace(OutputDirectory) ? Directory.GetCurrentDirectory() : OutputDirectory;
}
