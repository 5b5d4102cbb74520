using MediaFunctions.Testing.Media;
using Xunit;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// A <see cref="StaticFileServer"/> serving media generated once with ffmpeg: a 60 s MP4 (MPEG-4 part 2
/// + AAC, ~19 MB, index at the front), an HLS VOD of 10 s in 2 s segments with relative segment URIs,
/// the same playlist with absolute segment URLs, a DASH VOD of 10 s, and two 60 s MP3s served as <c>audio/mpeg</c>: a
/// 64 kbit/s podcast whose first frame counts its frames, and a variable-rate one without that count.
/// </summary>
public sealed class OriginMedia : IAsyncLifetime
{
    public const double LongSeconds = 60;
    public const double HlsSeconds = 10;

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-origin-" + Guid.NewGuid().ToString("N"));

    public StaticFileServer Server { get; private set; } = null!;

    public string LongMp4Path => Path.Combine(Folder, "media", "long.mp4");

    public Uri LongMp4Url => Server.Url("media/long.mp4");

    /// <summary>Mono, 64 kbit/s constant (8,000 bytes a second), an ID3v2 tag, and an Info tag that counts its frames.</summary>
    public Uri PodcastMp3Url => Server.Url("media/podcast.mp3");

    /// <summary>Stereo, variable rate, and no frame count: its duration can only be estimated from the frames read.</summary>
    public Uri UncountedMp3Url => Server.Url("media/uncounted.mp3");

    /// <summary>The HLS playlist, whose segment lines are relative (<c>segment0.ts</c>).</summary>
    public Uri HlsUrl => Server.Url("hls/index.m3u8");

    /// <summary>A DASH VOD of the same length, whose segment templates are relative to the manifest.</summary>
    public Uri DashUrl => Server.Url("dash/manifest.mpd");

    /// <summary>The same segments, named by absolute URLs in a playlist in another folder.</summary>
    public Uri HlsAbsoluteUrl => Server.Url("playlists/absolute.m3u8");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(Folder, "media"));
        Directory.CreateDirectory(Path.Combine(Folder, "hls"));
        Directory.CreateDirectory(Path.Combine(Folder, "playlists"));
        Directory.CreateDirectory(Path.Combine(Folder, "dash"));
        var token = FfmpegTools.Timeout(120);
        var runner = FfmpegTools.SystemRunner();
        string[] common = ["-hide_banner", "-nostats", "-loglevel", "error", "-y"];
        await Task.WhenAll(
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"testsrc2=s=640x360:r=25:d={LongSeconds}", "-f", "lavfi", "-i", $"sine=f=440:d={LongSeconds}",
                    "-c:v", "mpeg4", "-q:v", "3", "-g", "50", "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", LongMp4Path],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=25:d={HlsSeconds}", "-f", "lavfi", "-i", $"sine=f=440:d={HlsSeconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac", "-b:a", "64k",
                    "-f", "hls", "-hls_time", "2", "-hls_playlist_type", "vod", "-hls_segment_filename", Path.Combine(Folder, "hls", "segment%d.ts"),
                    Path.Combine(Folder, "hls", "index.m3u8")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=25:d={HlsSeconds}", "-f", "lavfi", "-i", $"sine=f=440:d={HlsSeconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50", "-c:a", "aac", "-b:a", "64k",
                    "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "0", Path.Combine(Folder, "dash", "manifest.mpd")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude=0.2:sample_rate=44100:d={LongSeconds}", "-ac", "1",
                    "-c:a", "libmp3lame", "-b:a", "64k", Path.Combine(Folder, "media", "podcast.mp3")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"anoisesrc=color=pink:amplitude=0.2:sample_rate=44100:d={LongSeconds}", "-ac", "2",
                    "-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0", Path.Combine(Folder, "media", "uncounted.mp3")],
                cancellationToken: token));
        Server = await StaticFileServer.StartAsync(Folder, token);

        var playlist = await File.ReadAllLinesAsync(Path.Combine(Folder, "hls", "index.m3u8"), token);
        await File.WriteAllLinesAsync(HlsAbsolutePath,
            playlist.Select(line => line.Length > 0 && !line.StartsWith('#') ? Server.Url("hls/" + line).AbsoluteUri : line), token);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A fresh folder for one test's outputs.</summary>
    public string NewOutputFolder()
    {
        var folder = Path.Combine(Folder, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private string HlsAbsolutePath => Path.Combine(Folder, "playlists", "absolute.m3u8");
}
