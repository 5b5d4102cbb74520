using MediaFunctions.Core.Media.Audio;
using Xunit;

namespace MediaFunctions.Testing.Media;

/// <summary>
/// Media generated once with ffmpeg's lavfi sources into a temp folder: 5 s of test picture and a 440 Hz tone
/// that starts at 1.5 s (so a cut's position can be heard), in the containers ApyHub accepts, plus inputs
/// that must be refused.
/// </summary>
public sealed class GeneratedMedia : IAsyncLifetime
{
    public const double LengthSeconds = 5;
    public const double ToneStartSeconds = 1.5;

    private const string Tone = "if(gte(t,1.5),0.5*sin(2*PI*440*t),0)";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "mf-media-" + Guid.NewGuid().ToString("N"));

    /// <summary>H.264 + AAC LC 44.1 kHz stereo, its index first (as files made for the web are).</summary>
    public string Mp4 => Path.Combine(Folder, "h264-aac.mp4");

    /// <summary>The same as <see cref="Mp4"/> with its index after the media (as cameras and phones write it).</summary>
    public string Mp4IndexAtEnd => Path.Combine(Folder, "h264-aac-index-at-end.mp4");

    /// <summary>H.264 + AC-3 48 kHz stereo.</summary>
    public string Mkv => Path.Combine(Folder, "h264-ac3.mkv");

    /// <summary>H.264 + FLAC 44.1 kHz stereo.</summary>
    public string MkvFlac => Path.Combine(Folder, "h264-flac.mkv");

    /// <summary>VP8 + Vorbis 44.1 kHz stereo.</summary>
    public string Webm => Path.Combine(Folder, "vp8-vorbis.webm");

    /// <summary>MPEG-4 part 2 + MP3 44.1 kHz stereo.</summary>
    public string Avi => Path.Combine(Folder, "mpeg4-mp3.avi");

    /// <summary>Sorenson H.263 + MP3 44.1 kHz stereo.</summary>
    public string Flv => Path.Combine(Folder, "flv1-mp3.flv");

    /// <summary>MPEG-4 part 2 + PCM s16le 44.1 kHz stereo.</summary>
    public string Mov => Path.Combine(Folder, "mpeg4-pcm.mov");

    /// <summary>H.263 + AMR-NB 8 kHz mono (the AMR made by <see cref="AmrNbEncoder"/>).</summary>
    public string ThreeGp => Path.Combine(Folder, "h263-amrnb.3gp");

    /// <summary>H.264 + PCM s24le 96 kHz 5.1: more channels and a higher rate than several encoders take.</summary>
    public string MkvHighRate => Path.Combine(Folder, "h264-pcm96k51.mkv");

    /// <summary>H.264 and no audio at all.</summary>
    public string VideoOnly => Path.Combine(Folder, "video-only.mp4");

    public string TextFile => Path.Combine(Folder, "notes.txt");

    /// <summary>The first 20 kB of <see cref="Mp4IndexAtEnd"/>: its index (moov) is missing.</summary>
    public string TruncatedMp4 => Path.Combine(Folder, "truncated.mp4");

    /// <summary>Every video in <see cref="Folder"/> with audio, by container.</summary>
    public IReadOnlyDictionary<string, string> Videos => new Dictionary<string, string>
    {
        ["mp4"] = Mp4,
        ["mp4-index-at-end"] = Mp4IndexAtEnd,
        ["mkv"] = Mkv,
        ["mkv-flac"] = MkvFlac,
        ["webm"] = Webm,
        ["avi"] = Avi,
        ["flv"] = Flv,
        ["mov"] = Mov,
        ["3gp"] = ThreeGp,
        ["mkv-96k-5.1"] = MkvHighRate,
    };

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var token = FfmpegTools.Timeout(120);
        var runner = FfmpegTools.Runner();
        string[] picture = ["-f", "lavfi", "-i", $"testsrc=duration={LengthSeconds}:size=160x120:rate=10"];
        string[] stereo = ["-f", "lavfi", "-i", $"aevalsrc=exprs='{Tone}|{Tone}':s=44100:d={LengthSeconds}"];
        string[] common = ["-hide_banner", "-nostats", "-loglevel", "error", "-y"];
        string[] h264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"];

        Task Make(string output, params string[][] parts) =>
            runner.RunAsync([.. common, .. parts.SelectMany(part => part), output], cancellationToken: token);

        await Task.WhenAll(
            Make(Mp4, picture, stereo, h264, ["-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart"]),
            Make(Mp4IndexAtEnd, picture, stereo, h264, ["-c:a", "aac", "-b:a", "128k"]),
            Make(Mkv, picture, stereo, h264, ["-c:a", "ac3", "-ar", "48000", "-b:a", "192k"]),
            Make(MkvFlac, picture, stereo, h264, ["-c:a", "flac"]),
            Make(Webm, picture, stereo, ["-c:v", "libvpx", "-deadline", "realtime", "-b:v", "200k", "-c:a", "libvorbis"]),
            Make(Avi, picture, stereo, ["-c:v", "mpeg4", "-c:a", "libmp3lame", "-b:a", "128k"]),
            Make(Flv, picture, stereo, ["-c:v", "flv1", "-c:a", "libmp3lame", "-b:a", "128k"]),
            Make(Mov, picture, stereo, ["-c:v", "mpeg4", "-c:a", "pcm_s16le"]),
            Make(MkvHighRate, picture, ["-f", "lavfi", "-i", $"aevalsrc=exprs='{string.Join('|', Enumerable.Repeat(Tone, 6))}':s=96000:d={LengthSeconds}"],
                h264, ["-c:a", "pcm_s24le"]),
            Make(VideoOnly, picture, h264));

        // 3GP's usual audio is AMR-NB, which this ffmpeg cannot encode: encode it ourselves, then mux by copy.
        var amr = Path.Combine(Folder, "tone.amr");
        await using (var file = File.Create(amr))
        {
            await runner.RunAsync(
                [.. common, "-f", "lavfi", "-i", $"aevalsrc=exprs='{Tone}':s=8000:d={LengthSeconds}", "-c:a", "pcm_s16le", "-f", "s16le", "pipe:1"],
                new() { StandardOutput = (pcm, ct) => new AmrNbEncoder().EncodeAsync(pcm, file, AmrNbMode.Mr122, ct) },
                token);
        }

        await Make(ThreeGp, ["-f", "lavfi", "-i", $"testsrc=duration={LengthSeconds}:size=176x144:rate=10"], ["-i", amr], ["-c:v", "h263", "-c:a", "copy", "-shortest"]);

        await File.WriteAllTextAsync(TextFile, "These are meeting notes, not a video.\n", token);
        var head = new byte[20_000];
        // Cut before its index, so no probe can make sense of it.
        await using (var source = File.OpenRead(Mp4IndexAtEnd))
        {
            await source.ReadExactlyAsync(head, token);
        }

        await File.WriteAllBytesAsync(TruncatedMp4, head, token);
    }

    /// <summary>
    /// Writes <paramref name="seconds"/> of a 440 Hz tone as 22.05 kHz mono MP3 to <paramref name="path"/>
    /// (the default 600 s is 3.6 MB: slow enough to catch a job at work).
    /// </summary>
    public static async Task WriteToneAsync(string path, int seconds = 600)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=22050:duration={seconds}",
                "-c:a", "libmp3lame", "-b:a", "48k", path],
            cancellationToken: FfmpegTools.Timeout(120));
    }

    /// <summary>A fresh folder for one test's outputs.</summary>
    public string NewOutputFolder()
    {
        var folder = Path.Combine(Folder, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
