using System.ComponentModel;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary>The options every command takes: where the API is, the key, and whether the output is for a script.</summary>
public class ApiCommandSettings : CommandSettings
{
    [CommandOption("--key <KEY>")]
    [Description("The API key (else MEDIAFN_KEY, else \"key\" in the config file).")]
    public string? Key { get; set; }

    [CommandOption("--url <URL>")]
    [Description("The API's base URL (else MEDIAFN_URL, else \"url\" in the config file, else http://localhost:7071).")]
    public string? Url { get; set; }

    [CommandOption("--json")]
    [Description("Print one JSON document on stdout (the final resource as its GET shows it, plus \"files\") and no progress.")]
    public bool Json { get; set; }
}
