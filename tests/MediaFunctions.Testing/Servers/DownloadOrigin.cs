using System.Diagnostics;
using MediaFunctions.Testing.Media;
using Xunit;

namespace MediaFunctions.Testing.Servers;

/// <summary>
/// A <see cref="StaticFileServer"/> for download jobs, with media made once by Debian's full ffmpeg: a 6 s
/// 1280x720 H.264/AAC MP4 with an English subtitle track, a 4 s vertical (720x1280) one, 10 s of small AAC, a video-site page
/// (poster, WebVTT track) that yt-dlp's generic extractor reads, a page whose video and audio are served apart
/// (through a DASH manifest, as video sites do), and live HLS streams started on demand.
/// </summary>
public sealed class DownloadOrigin : IAsyncLifetime
{
    public const double ClipSeconds = 6;
    public const double VerticalSeconds = 4;
    public const double SplitSeconds = 5;

    private readonly List<Process> _streams = [];

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-download-origin-" + Guid.NewGuid().ToString("N"));

    public StaticFileServer Server { get; private set; } = null!;

    public string ClipPath => Path.Combine(Folder, "media", "clip.mp4");

    /// <summary>H.264 1280x720 25 fps, AAC 48 kHz stereo, a mov_text subtitle track in English; keyframes every second.</summary>
    public Uri ClipUrl => Server.Url("media/clip.mp4");

    /// <summary>H.264 720x1280 (a phone's vertical video), AAC.</summary>
    public Uri VerticalUrl => Server.Url("media/vertical.mp4");

    /// <summary>10 s of AAC at 32 kb/s in M4A: long but small.</summary>
    public Uri ToneUrl => Server.Url("media/tone.m4a");

    /// <summary>A page with the clip in a video element, a poster and an English WebVTT track.</summary>
    public Uri PageUrl => Server.Url("page/watch.html");

    /// <summary>
    /// A page whose video element plays an on-demand DASH manifest: a video-only H.264 640x360 MP4 and an
    /// audio-only AAC M4A, each one whole file. yt-dlp's generic extractor reads the manifest off the page and
    /// answers with two formats, so <c>bv*+ba</c> gives a download two URLs to merge.
    /// </summary>
    public Uri SplitPageUrl => Server.Url("split/watch.html");

    /// <summary>The paths of the split page's video-only and audio-only files on the origin.</summary>
    public static IReadOnlyList<string> SplitStreamPaths { get; } = ["/split/video.mp4", "/split/audio.m4a"];

    public async Task InitializeAsync()
    {
        foreach (var folder in new[] { "media", "page", "live", "split" })
        {
            Directory.CreateDirectory(Path.Combine(Folder, folder));
        }

        var token = FfmpegTools.Timeout(120);
        var runner = FfmpegTools.SystemRunner();
        string[] common = ["-hide_banner", "-nostats", "-loglevel", "error", "-y"];
        var srt = Path.Combine(Folder, "media", "en.srt");
        await File.WriteAllTextAsync(srt, "1\n00:00:00,500 --> 00:00:02,000\nHello from the clip\n\n2\n00:00:03,000 --> 00:00:05,000\nSecond line\n", token);
        await File.WriteAllTextAsync(Path.Combine(Folder, "page", "en.vtt"), "WEBVTT\n\n00:00.500 --> 00:02.000\nHello from the page\n", token);
        await File.WriteAllTextAsync(Path.Combine(Folder, "page", "watch.html"), """
            <!DOCTYPE html><html><head><title>Download test page</title></head><body>
            <video controls poster="/page/poster.jpg"><source src="/media/clip.mp4" type="video/mp4">
            <track kind="subtitles" srclang="en" src="/page/en.vtt"></video></body></html>
            """, token);
        await File.WriteAllTextAsync(Path.Combine(Folder, "split", "watch.html"), """
            <!DOCTYPE html><html><head><title>Split streams page</title></head><body>
            <video controls><source src="/split/manifest.mpd" type="application/dash+xml"></video></body></html>
            """, token);
        await File.WriteAllTextAsync(Path.Combine(Folder, "split", "manifest.mpd"), $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" type="static"
                 mediaPresentationDuration="PT{SplitSeconds}S" minBufferTime="PT2S">
              <Period>
                <AdaptationSet mimeType="video/mp4" contentType="video">
                  <Representation id="video" codecs="avc1.64001e" width="640" height="360" frameRate="25" bandwidth="500000">
                    <BaseURL>video.mp4</BaseURL>
                  </Representation>
                </AdaptationSet>
                <AdaptationSet mimeType="audio/mp4" contentType="audio" lang="en">
                  <Representation id="audio" codecs="mp4a.40.2" audioSamplingRate="48000" bandwidth="96000">
                    <BaseURL>audio.m4a</BaseURL>
                  </Representation>
                </AdaptationSet>
              </Period>
            </MPD>
            """, token);
        await Task.WhenAll(
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"testsrc2=s=640x360:r=25:d={SplitSeconds}", "-an",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-movflags", "+faststart", Path.Combine(Folder, "split", "video.mp4")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"sine=f=550:sample_rate=48000:d={SplitSeconds}", "-vn", "-c:a", "aac", "-b:a", "96k",
                    "-movflags", "+faststart", Path.Combine(Folder, "split", "audio.m4a")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"testsrc2=s=1280x720:r=25:d={ClipSeconds}", "-f", "lavfi", "-i", $"sine=f=440:sample_rate=48000:d={ClipSeconds}",
                    "-i", srt, "-map", "0:v", "-map", "1:a", "-map", "2:s", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25",
                    "-c:a", "aac", "-ac", "2", "-b:a", "128k", "-c:s", "mov_text", "-metadata:s:s:0", "language=eng", "-movflags", "+faststart", ClipPath],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"testsrc2=s=720x1280:r=25:d={VerticalSeconds}", "-f", "lavfi", "-i", $"sine=f=660:d={VerticalSeconds}",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart",
                    Path.Combine(Folder, "media", "vertical.mp4")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", "sine=f=330:d=10", "-c:a", "aac", "-b:a", "32k", Path.Combine(Folder, "media", "tone.m4a")],
                cancellationToken: token),
            runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", "testsrc2=s=480x270:r=1:d=1", "-frames:v", "1", Path.Combine(Folder, "page", "poster.jpg")],
                cancellationToken: token));
        Server = await StaticFileServer.StartAsync(Folder, token);
    }

    /// <summary>
    /// Starts a live HLS stream at <c>live/{name}/index.m3u8</c>, written in real time in 1 s segments (five
    /// in the playlist) for <paramref name="seconds"/>, then ended. Returns its URL at once: the playlist
    /// appears after the first segment.
    /// </summary>
    public Uri StartLiveStream(string name, int seconds)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Folder, "live", name)).FullName;
        var start = new ProcessStartInfo("/usr/bin/ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
        {
            "-hide_banner", "-nostats", "-loglevel", "error", "-y", "-re",
            "-f", "lavfi", "-i", $"testsrc2=s=320x180:r=25:d={seconds}", "-f", "lavfi", "-i", $"sine=f=440:d={seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "25", "-c:a", "aac", "-b:a", "64k",
            "-f", "hls", "-hls_time", "1", "-hls_list_size", "5", "-hls_flags", "delete_segments+temp_file",
            "-hls_segment_filename", Path.Combine(folder, "segment%d.ts"), Path.Combine(folder, "index.m3u8"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEndAsync();
        lock (_streams)
        {
            _streams.Add(process);
        }

        return LiveUrl(name);
    }

    /// <summary>The URL a live stream of that name has (or will have).</summary>
    public Uri LiveUrl(string name) => Server.Url($"live/{name}/index.m3u8");

    /// <summary>A fresh folder for one test's outputs.</summary>
    public string NewOutputFolder() => Directory.CreateDirectory(Path.Combine(Folder, "out-" + Guid.NewGuid().ToString("N"))).FullName;

    public async Task DisposeAsync()
    {
        lock (_streams)
        {
            foreach (var stream in _streams.Where(stream => !stream.HasExited))
            {
                stream.Kill();
            }
        }

        await Server.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}
