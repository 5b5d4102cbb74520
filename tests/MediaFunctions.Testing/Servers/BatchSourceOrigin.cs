using MediaFunctions.Testing.Media;
using Xunit;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// A <see cref="StaticFileServer"/> for batch sources: three short MP3 episodes made by ffmpeg under
/// <c>episodes/</c>, and documents (feeds, lists, pages) each test writes for itself.
/// </summary>
public sealed class BatchSourceOrigin : IAsyncLifetime
{
    public const int EpisodeCount = 3;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-batch-origin-" + Guid.NewGuid().ToString("N"));

    public StaticFileServer Server { get; private set; } = null!;

    /// <summary>The URL of episode <paramref name="number"/> (1 to <see cref="EpisodeCount"/>), a 1 s MP3.</summary>
    public Uri EpisodeUrl(int number) => Server.Url($"episodes/episode{number}.mp3");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "episodes"));
        var token = FfmpegTools.Timeout(120);
        var runner = FfmpegTools.SystemRunner();
        await Task.WhenAll(Enumerable.Range(1, EpisodeCount).Select(number => runner.RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"sine=f={220 * number}:d=1",
                "-c:a", "libmp3lame", "-b:a", "64k", Path.Combine(Folder, "episodes", $"episode{number}.mp3")],
            cancellationToken: token)));
        Server = await StaticFileServer.StartAsync(Folder, token);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>Writes a document at a fresh path ending in <paramref name="fileName"/> and returns its URL.</summary>
    public async Task<Uri> WriteAsync(string fileName, string text, CancellationToken cancellationToken = default)
    {
        var folder = "docs-" + Guid.NewGuid().ToString("N");
        Directory.CreateDirectory(Path.Combine(Folder, folder));
        await File.WriteAllTextAsync(Path.Combine(Folder, folder, fileName), text, cancellationToken);
        return Server.Url($"{folder}/{fileName}");
    }
}
