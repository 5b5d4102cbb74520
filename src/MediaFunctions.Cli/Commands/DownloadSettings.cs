using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn download URL [--format … --clip-start … --max-resolution … --audio-only …]</c>.</summary>
public sealed class DownloadSettings : DownloadFieldSettings
{
    [CommandArgument(0, "<URL>")]
    [Description("Media, an HLS/DASH stream, or a video site's page.")]
    public string MediaUrl { get; set; } = "";

    [CommandOption("--filename <NAME>")]
    [Description("The file's name without extension.")]
    public string? FileName { get; set; }

    public override ValidationResult Validate() =>
        Uri.TryCreate(MediaUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? ValidationResult.Success()
            : ValidationResult.Error($"'{MediaUrl}' is not an http(s) URL.");
}
