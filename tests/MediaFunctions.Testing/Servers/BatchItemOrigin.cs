using System.Globalization;
using System.Text;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// A <see cref="StaticFileServer"/> for batches of many items: clips made by Debian's full ffmpeg (each with its
/// own tone, so no two are the same file) and M3U lists of URLs, all under one folder. Clips already in the folder
/// are reused, so a benchmark can keep its media between runs.
/// </summary>
public sealed class BatchItemOrigin : IAsyncDisposable
{
    private readonly bool deleteFolder;

    private BatchItemOrigin(string folder, StaticFileServer server, bool deleteFolder)
    {
        Folder = folder;
        Server = server;
        this.deleteFolder = deleteFolder;
    }

    /// <summary>The folder served: clips under <c>clips/</c>, lists under <c>lists/</c>.</summary>
    public string Folder { get; }

    public StaticFileServer Server { get; }

    /// <summary>
    /// Serves <paramref name="folder"/>, or a fresh temp folder (deleted on dispose) when it is null.
    /// </summary>
    public static async Task<BatchItemOrigin> StartAsync(string? folder = null, CancellationToken cancellationToken = default)
    {
        var owned = folder is null;
        folder ??= Path.Combine(Path.GetTempPath(), "mf-batch-items-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "clips"));
        Directory.CreateDirectory(Path.Combine(folder, "lists"));
        return new BatchItemOrigin(folder, await StaticFileServer.StartAsync(folder, cancellationToken), owned);
    }

    /// <summary>
    /// Makes <paramref name="count"/> video clips (MPEG-4 part 2 at <paramref name="width"/>x<paramref name="height"/>,
    /// 25 fps, + AAC; a download with <c>video_codec: h264</c> must encode them) named <c>{name}-{n}.mp4</c>, and
    /// returns their URLs in order.
    /// </summary>
    public Task<IReadOnlyList<Uri>> AddVideoClipsAsync(string name, int count, double seconds, int width, int height, CancellationToken cancellationToken = default) =>
        AddClipsAsync(name, "mp4", count, (path, index) =>
        [
            "-f", "lavfi", "-i", Invariant($"testsrc2=s={width}x{height}:r=25:d={seconds}"),
            "-f", "lavfi", "-i", Invariant($"sine=f={ToneOf(index)}:d={seconds}"),
            "-c:v", "mpeg4", "-q:v", "4", "-g", "50", "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", "-f", "mp4", path,
        ], cancellationToken);

    /// <summary>Makes <paramref name="count"/> mono MP3 tones named <c>{name}-{n}.mp3</c> and returns their URLs in order.</summary>
    public Task<IReadOnlyList<Uri>> AddAudioClipsAsync(string name, int count, double seconds, CancellationToken cancellationToken = default) =>
        AddClipsAsync(name, "mp3", count, (path, index) =>
        [
            "-f", "lavfi", "-i", Invariant($"sine=f={ToneOf(index)}:sample_rate=22050:d={seconds}"),
            "-ac", "1", "-c:a", "libmp3lame", "-b:a", "32k", "-f", "mp3", path,
        ], cancellationToken);

    /// <summary>Writes an M3U list (<c>#EXTINF</c> with a title per URL: "{title prefix} {n}") and returns its URL.</summary>
    public async Task<Uri> WriteListAsync(string name, IEnumerable<Uri> urls, string titlePrefix = "Item", CancellationToken cancellationToken = default)
    {
        var list = new StringBuilder("#EXTM3U\n");
        foreach (var (url, index) in urls.Select((url, index) => (url, index)))
        {
            list.Append(CultureInfo.InvariantCulture, $"#EXTINF:-1,{titlePrefix} {index + 1}\n{url.AbsoluteUri}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(Folder, "lists", name), list.ToString(), cancellationToken);
        return Server.Url($"lists/{name}");
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (deleteFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private async Task<IReadOnlyList<Uri>> AddClipsAsync(string name, string extension, int count, Func<string, int, string[]> outputArguments,
        CancellationToken cancellationToken)
    {
        var runner = FfmpegTools.SystemRunner();
        var names = Enumerable.Range(1, count).Select(number => $"clips/{name}-{number}.{extension}").ToList();
        // Two at a time: the machine's cores are shared, and each ffmpeg uses several threads.
        using var slots = new SemaphoreSlim(2);
        await Task.WhenAll(names.Select(async (clip, index) =>
        {
            var path = Path.Combine(Folder, clip);
            if (File.Exists(path))
            {
                return;
            }

            await slots.WaitAsync(cancellationToken);
            try
            {
                // Written aside and moved into place, so an interrupted run never leaves a half clip to be reused.
                var part = path + ".part";
                await runner.RunAsync(["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. outputArguments(part, index)],
                    cancellationToken: cancellationToken);
                File.Move(part, path, overwrite: true);
            }
            finally
            {
                slots.Release();
            }
        }));
        return [.. names.Select(Server.Url)];
    }

    // A distinct audible tone per clip: 200 Hz upwards in 7 Hz steps.
    private static int ToneOf(int index) => 200 + (7 * index);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
