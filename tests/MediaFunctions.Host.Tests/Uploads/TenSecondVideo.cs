using MediaFunctions.Testing.Media;

namespace MediaFunctions.Host.Tests.Uploads;

/// <summary>A 10 s H.264/AAC MP4 of about 320 kB, generated once for the upload tests: several of the test host's 64 KiB blocks.</summary>
public sealed class TenSecondVideo : IAsyncLifetime
{
    public const double Seconds = 10;

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-uploads-").FullName;

    public string Path => System.IO.Path.Combine(_folder, "talk.mp4");

    public long Size => new FileInfo(Path).Length;

    public Task InitializeAsync() => FfmpegTools.Runner().RunAsync(
        ["-hide_banner", "-nostats", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc=duration={Seconds}:size=320x240:rate=25",
            "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={Seconds}",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", Path],
        cancellationToken: FfmpegTools.Timeout(120));

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
