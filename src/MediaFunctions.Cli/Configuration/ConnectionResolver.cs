using MediaFunctions.Cli.Api;

namespace MediaFunctions.Cli.Configuration;

/// <summary>
/// Settles the base URL and key: a flag wins over the environment (<c>MEDIAFN_URL</c>, <c>MEDIAFN_KEY</c>),
/// which wins over the config file, each value on its own, so a file can hold the URL while a flag gives the key.
/// </summary>
public static class ConnectionResolver
{
    /// <summary>The base URL used when no flag, variable or file names one: what <c>./run.sh</c> serves.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    /// <summary>The connection from the flags, then <paramref name="environment"/>, then the config file.</summary>
    public static ApiConnection Resolve(string? urlFlag, string? keyFlag, Func<string, string?> environment)
    {
        var path = ConfigFile.DefaultPath(environment);
        var file = ConfigFile.Read(path);
        var url = FirstSet(urlFlag, environment("MEDIAFN_URL"), file.Url) ?? DefaultUrl;
        var key = FirstSet(keyFlag, environment("MEDIAFN_KEY"), file.Key)
            ?? throw MediafnException.Usage($"No API key: pass --key, set MEDIAFN_KEY, or put {{\"key\": \"…\"}} in {path}.");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl) || baseUrl.Scheme is not ("http" or "https"))
        {
            throw MediafnException.Usage($"'{url}' is not an http(s) URL; pass the API's base address, e.g. {DefaultUrl}.");
        }

        return new ApiConnection(baseUrl, key);
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
