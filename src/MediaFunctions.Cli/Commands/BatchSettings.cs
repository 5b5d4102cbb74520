using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MediaFunctions.Cli.Commands;

/// <summary><c>mediafn batch URL|--urls-file F [download fields] [--concurrency N]</c>.</summary>
public sealed class BatchSettings : DownloadFieldSettings
{
    [CommandArgument(0, "[URL]")]
    [Description("A playlist, podcast feed, M3U list or playlist page.")]
    public string? SourceUrl { get; set; }

    [CommandOption("--urls-file <FILE>")]
    [Description("A file of media URLs, one a line (blank lines and lines starting with # are skipped).")]
    public string? UrlsFile { get; set; }

    [CommandOption("--concurrency <N>")]
    [Description("How many items run at once (the server caps it).")]
    public int? Concurrency { get; set; }

    public override ValidationResult Validate()
    {
        if (string.IsNullOrWhiteSpace(SourceUrl) == string.IsNullOrWhiteSpace(UrlsFile))
        {
            return ValidationResult.Error("Give exactly one of URL and --urls-file.");
        }

        return UrlsFile is not null && !File.Exists(UrlsFile) ? ValidationResult.Error($"--urls-file: no file '{UrlsFile}'.") : ValidationResult.Success();
    }

    /// <summary>The URLs of <see cref="UrlsFile"/>.</summary>
    public IReadOnlyList<string> ReadUrls() =>
        [.. File.ReadLines(UrlsFile!).Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))];
}
