using System.Text.Json;
using System.Text.Json.Serialization;
using MediaFunctions.Cli.Api;

namespace MediaFunctions.Cli.Configuration;

/// <summary>
/// <c>~/.config/mediafn/config.json</c> (or the file <c>MEDIAFN_CONFIG</c> names): <c>{"url": "…", "key": "…"}</c>,
/// so a key need not sit in the shell's history or environment.
/// </summary>
public sealed record ConfigFile
{
    /// <summary>The API's base address.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>The API key.</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary>The file's path: <c>MEDIAFN_CONFIG</c>, else <c>$XDG_CONFIG_HOME/mediafn/config.json</c>, else <c>~/.config/mediafn/config.json</c>.</summary>
    public static string DefaultPath(Func<string, string?> environment)
    {
        if (environment("MEDIAFN_CONFIG") is { Length: > 0 } named)
        {
            return named;
        }

        var configHome = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "mediafn", "config.json");
    }

    /// <summary>The file at <paramref name="path"/>, or an empty one when there is none; a file that is not JSON is a usage error.</summary>
    public static ConfigFile Read(string path)
    {
        if (!File.Exists(path))
        {
            return new ConfigFile();
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<ConfigFile>(stream) ?? new ConfigFile();
        }
        catch (JsonException e)
        {
            throw MediafnException.Usage($"The config file {path} is not valid JSON ({e.Message}); it holds {{\"url\": \"…\", \"key\": \"…\"}}.");
        }
    }
}
