using System.ComponentModel;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn jobs get ID</c>, <c>mediafn jobs delete ID</c>.</summary>
public sealed class JobIdSettings : ApiCommandSettings
{
    [CommandArgument(0, "<ID>")]
    [Description("The job's id.")]
    public string JobId { get; set; } = "";
}
