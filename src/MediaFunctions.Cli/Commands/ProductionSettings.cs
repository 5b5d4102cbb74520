using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn production FILE|URL [--preset ID] [--loudness -16] [--output mp3 …] [--title …]</c> (the Auphonic dialect).</summary>
public sealed class ProductionSettings : ResultCommandSettings
{
    [CommandArgument(0, "<FILE|URL>")]
    [Description("The recording: a local file (uploaded) or an http(s) URL.")]
    public string Source { get; set; } = "";

    [CommandOption("--preset <UUID>")]
    [Description("A preset's uuid; the options below override its values.")]
    public string? Preset { get; set; }

    [CommandOption("--loudness <LUFS>")]
    [Description("Loudness target, -31 … -13 LUFS (turns normloudness on).")]
    public double? Loudness { get; set; }

    [CommandOption("--output <FORMAT>")]
    [Description("An output file format (mp3, aac, opus, vorbis, flac, wav, …); repeat for several.")]
    public string[] Outputs { get; set; } = [];

    [CommandOption("--title <TITLE>")]
    [Description("The episode's title (tags).")]
    public string? Title { get; set; }

    [CommandOption("--artist <ARTIST>")]
    [Description("The artist (tags).")]
    public string? Artist { get; set; }

    /// <summary>True when <see cref="Source"/> is a URL rather than a file.</summary>
    public bool IsUrl => Uri.TryCreate(Source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";

    public override ValidationResult Validate() =>
        IsUrl || File.Exists(Source) ? ValidationResult.Success() : ValidationResult.Error($"'{Source}' is neither a file nor an http(s) URL.");
}
