using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Tests.Media.Fixtures;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Ffmpeg;

[Collection(GeneratedMediaCollection.Name)]
public class FfmpegRunnerTests(GeneratedMedia media)
{
    /// <summary>Plays an hour of tone in real time into the null muxer: runs until stopped. The marker finds the process.</summary>
    private static string[] EndlessRun(string marker) =>
        ["-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "sine=duration=3600", "-metadata", $"comment={marker}", "-f", "null", "-"];


    [Fact]
    public async Task RunAsync_ProgressOnStdout_ReportsUpToCompletion()
    {
        var recorder = new ProgressRecorder();
        var output = Path.Combine(media.NewOutputFolder(), "tone.wav");

        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-progress", "pipe:1", "-f", "lavfi", "-i", "sine=duration=3", "-f", "wav", output],
            new FfmpegRunOptions { ExpectedDuration = TimeSpan.FromSeconds(3), Progress = recorder },
            FfmpegTools.Timeout());

        var last = recorder.Reports.Last();
        Assert.True(last.IsComplete);
        Assert.Equal(1, last.Fraction);
        Assert.InRange(last.Processed.TotalSeconds, 2.9, 3.1);
        Assert.NotNull(last.Speed);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public async Task RunAsync_StdinAndStdoutPipes_StreamsThroughFfmpeg()
    {
        // Matroska streams from its start; an MP4/MOV with its index at the end cannot be read from a pipe.
        await using var input = File.OpenRead(media.Mkv);
        long bytes = 0;

        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-progress", "pipe:2", "-f", "matroska", "-i", "pipe:0", "-map", "0:a", "-ac", "1", "-ar", "8000", "-f", "s16le", "pipe:1"],
            new FfmpegRunOptions
            {
                StandardInput = input,
                StandardOutput = async (stdout, token) =>
                {
                    var buffer = new byte[4096];
                    int read;
                    while ((read = await stdout.ReadAsync(buffer, token)) > 0)
                    {
                        bytes += read;
                    }
                },
            },
            FfmpegTools.Timeout());

        // 5 s of 8 kHz mono s16le.
        Assert.InRange(bytes, 79_000, 81_000);
    }

    [Fact]
    public async Task RunAsync_StdoutConsumerWithProgressOnStdout_IsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => FfmpegTools.Runner().RunAsync(
            ["-progress", "pipe:1", "-f", "lavfi", "-i", "sine=duration=1", "-f", "s16le", "pipe:1"],
            new FfmpegRunOptions { StandardOutput = (_, _) => Task.CompletedTask },
            FfmpegTools.Timeout()));
    }

    [Fact]
    public async Task RunAsync_FailingRun_ThrowsWithExitCodeArgumentsAndStderrTail()
    {
        string[] arguments = ["-hide_banner", "-i", "/no/such/input.mp4", "-f", "null", "-"];

        var error = await Assert.ThrowsAsync<FfmpegException>(() => FfmpegTools.Runner().RunAsync(arguments, cancellationToken: FfmpegTools.Timeout()));

        Assert.NotEqual(0, error.ExitCode);
        Assert.False(error.TimedOut);
        Assert.Equal(arguments, error.Arguments);
        Assert.Contains(error.StandardErrorTail, line => line.Contains("No such file or directory", StringComparison.Ordinal));
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.StandardErrorTail.Count, 1, FfmpegException.StandardErrorTailLines);
    }

    [Fact]
    public async Task RunAsync_PastTheTimeout_StopsFfmpegAndThrowsTimedOut()
    {
        var marker = "timeout-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<FfmpegException>(() => FfmpegTools.Runner().RunAsync(
            EndlessRun(marker), new FfmpegRunOptions { Timeout = TimeSpan.FromSeconds(1) }, FfmpegTools.Timeout()));

        Assert.True(error.TimedOut);
        Assert.Null(error.ExitCode);
        Assert.False(FfmpegTools.IsProcessRunningWith(marker));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsFfmpegGracefully()
    {
        var marker = "cancel-" + Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        var output = Path.Combine(media.NewOutputFolder(), "cut-short.wav");
        string[] arguments = ["-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "sine=duration=3600", "-metadata", $"comment={marker}", "-f", "wav", output];

        var run = FfmpegTools.Runner().RunAsync(arguments, cancellationToken: cancellation.Token);
        // Cancelled once it has written half a second of audio, however slowly a loaded machine started it.
        var timeout = FfmpegTools.Timeout();
        while (!File.Exists(output) || new FileInfo(output).Length < 44_100)
        {
            await Task.Delay(50, timeout);
        }

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        Assert.False(FfmpegTools.IsProcessRunningWith(marker));
        // ffmpeg stopped on SIGINT rather than being killed, so it finished the WAV header, and the file plays for the time it ran.
        var probe = await FfmpegTools.Prober().ProbeAsync(output, cancellationToken: FfmpegTools.Timeout());
        Assert.True(probe.Duration?.TotalSeconds >= 0.5, $"The WAV plays for {probe.Duration}.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RunAsync_BelowHostPriority_EveryFfmpegThreadAtNice10_OtherwiseAtTheHostsOwn(bool belowHost)
    {
        var marker = "priority-" + Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        var reporting = new FirstProgress();
        var run = FfmpegTools.Runner().RunAsync(["-progress", "pipe:1", .. EndlessRun(marker)],
            new FfmpegRunOptions { Progress = reporting, BelowHostPriority = belowHost }, cancellation.Token);

        await reporting.Reported.WaitAsync(FfmpegTools.Timeout());
        var threadNices = FfmpegTools.ThreadNiceValues(Assert.Single(FfmpegTools.ProcessIdsWith(marker)));
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        var own = FfmpegTools.NiceOf("/proc/self");
        Assert.True(own < 10, "The tests themselves run at nice 10 or more.");
        Assert.NotEmpty(threadNices);
        Assert.All(threadNices, nice => Assert.Equal(belowHost ? 10 : own, nice));
    }

    [Fact]
    public async Task RunAsync_CancelledWithoutGracePeriod_KillsFfmpeg()
    {
        var marker = "kill-" + Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FfmpegTools.Runner(new FfmpegOptions { StopGracePeriod = TimeSpan.Zero }).RunAsync(EndlessRun(marker), cancellationToken: cancellation.Token));

        Assert.False(FfmpegTools.IsProcessRunningWith(marker));
    }

    [Fact]
    public async Task RunAsync_StdoutConsumerFails_StopsFfmpegAndSurfacesTheFailure()
    {
        var marker = "consumer-" + Guid.NewGuid().ToString("N");
        string[] arguments = ["-hide_banner", "-nostats", "-re", "-f", "lavfi", "-i", "sine=duration=3600", "-metadata", $"comment={marker}", "-f", "s16le", "pipe:1"];

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => FfmpegTools.Runner().RunAsync(
            arguments,
            new FfmpegRunOptions
            {
                StandardOutput = async (stdout, token) =>
                {
                    await stdout.ReadExactlyAsync(new byte[1000], token);
                    throw new InvalidDataException("the consumer gave up");
                },
            },
            FfmpegTools.Timeout()));

        Assert.Equal("the consumer gave up", error.Message);
        Assert.False(FfmpegTools.IsProcessRunningWith(marker));
    }

    private sealed class FirstProgress : IProgress<FfmpegProgress>
    {
        private readonly TaskCompletionSource _reported = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reported => _reported.Task;

        public void Report(FfmpegProgress value) => _reported.TrySetResult();
    }
}
