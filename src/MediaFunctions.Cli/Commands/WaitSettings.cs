using System.ComponentModel;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn wait ID [-o DIR]</c>.</summary>
public sealed class WaitSettings : ResultCommandSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The job's id.")]
    public string JobId { get; set; } = "";
}
