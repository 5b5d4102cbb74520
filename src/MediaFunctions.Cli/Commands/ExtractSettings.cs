using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn extract FILE|URL --format mp3 --format wav [--start 10 --duration 5 | --full] [-o DIR]</c>.</summary>
public sealed class ExtractSettings : ResultCommandSettings
{
    [CommandArgument(0, "<FILE|URL>")]
    [Description("A local media file (uploaded) or an http(s) URL of media (read in place).")]
    public string Source { get; set; } = "";

    [CommandOption("-f|--format <FORMAT>")]
    [Description("An output format: mp3, wav, aac, ogg, flac, wma, ac3, amr. Repeat for several; default mp3.")]
    public string[] Formats { get; set; } = [];

    [CommandOption("--start <SECONDS>")]
    [Description("Where the clip starts, in seconds.")]
    public double? Start { get; set; }

    [CommandOption("--duration <SECONDS>")]
    [Description("How long the clip is, in seconds.")]
    public double? Duration { get; set; }

    [CommandOption("--full")]
    [Description("The whole audio track instead of a clip.")]
    public bool Full { get; set; }

    [CommandOption("--persistent")]
    [Description("Keep the files behind stable links until the job is deleted.")]
    public bool Persistent { get; set; }

    [CommandOption("--upload-session")]
    [Description("Send the file through an upload session even when one request could carry it (files over the server's cap always go that way).")]
    public bool UploadSession { get; set; }

    /// <summary>True when <see cref="Source"/> is a URL rather than a file.</summary>
    public bool IsUrl => Uri.TryCreate(Source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public override ValidationResult Validate()
    {
        if (Full && (Start is not null || Duration is not null))
        {
            return ValidationResult.Error("--full takes the whole track: give it without --start and --duration.");
        }

        if (!IsUrl && !File.Exists(Source))
        {
            return ValidationResult.Error($"'{Source}' is neither a file nor an http(s) URL.");
        }

        return UploadSession && IsUrl ? ValidationResult.Error("--upload-session is for files, not URLs.") : ValidationResult.Success();
    }
}
