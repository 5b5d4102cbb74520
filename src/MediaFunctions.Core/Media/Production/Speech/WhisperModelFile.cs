using System.Security.Cryptography;
using System.Text;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// Where <see cref="SpeechOptions.WhisperModelPath"/> names the model: a local file, or an http(s) URL (a blob's, with its SAS
/// token) fetched once into a local cache, since whisper.cpp maps its model from a file.
/// </summary>
public sealed class WhisperModelFile(string configured) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(30) };
    private readonly SemaphoreSlim _fetching = new(1, 1);

    /// <summary>The folder fetched models are cached in, each under a name made from its URL.</summary>
    public static string CacheFolder => Path.Combine(Path.GetTempPath(), "mediafunctions-models");

    /// <summary>True when the setting is a URL to fetch rather than a path.</summary>
    public bool IsUrl => Uri.TryCreate(configured, UriKind.Absolute, out var url) && url.Scheme is "http" or "https";

    /// <summary>The local file: the configured path, or the cached copy of the configured URL (fetched on first use).</summary>
    /// <exception cref="HttpRequestException">The URL could not be fetched.</exception>
    public async Task<string> LocalPathAsync(CancellationToken cancellationToken = default)
    {
        if (!IsUrl)
        {
            return configured;
        }

        // The query (a SAS token) changes as tokens are renewed; the model it names does not.
        var name = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(new Uri(configured).GetLeftPart(UriPartial.Path))))[..16] + ".bin";
        var path = Path.Combine(CacheFolder, name);
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(path))
            {
                Directory.CreateDirectory(CacheFolder);
                var partial = path + ".part";
                using (var response = await _http.GetAsync(configured, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
                {
                    response.EnsureSuccessStatusCode();
                    await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                    await using var file = File.Create(partial);
                    await body.CopyToAsync(file, cancellationToken);
                }

                File.Move(partial, path, overwrite: true);
            }

            return path;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _fetching.Dispose();
    }
}
