using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Runs ffmpeg with an argument list: reports its <c>-progress</c> output, bounds it with a timeout,
/// stops it on cancel (<c>q</c>, a grace period, then kill), streams its stdin/stdout when asked, and
/// turns a non-zero exit into an <see cref="FfmpegException"/> with the stderr tail.
/// </summary>
public sealed class FfmpegRunner(FfmpegLocator locator, IOptions<FfmpegOptions> options)
{
    private const string Tool = "ffmpeg";
    private readonly FfmpegOptions _options = options.Value;

    /// <summary>Runs ffmpeg to completion.</summary>
    /// <exception cref="FfmpegException">ffmpeg exited with a non-zero code or ran past its timeout.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; ffmpeg has been stopped.</exception>
    public async Task RunAsync(IReadOnlyList<string> arguments, FfmpegRunOptions? runOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        runOptions ??= new FfmpegRunOptions();
        var progressPipe = ProgressPipe(arguments);
        if (runOptions.StandardOutput is not null && progressPipe == 1)
        {
            throw new ArgumentException("stdout carries media in this run; send -progress to pipe:2.", nameof(arguments));
        }

        var timeout = runOptions.Timeout ?? _options.DefaultTimeout;
        var parser = new FfmpegProgressParser(runOptions.ExpectedDuration);
        var tail = new StandardErrorTail();
        void OnLine(string line, int pipe)
        {
            if (pipe == progressPipe && parser.TryRead(line, out var report))
            {
                if (report is not null)
                {
                    runOptions.Progress?.Report(report);
                }
            }
            else if (pipe == 2)
            {
                tail.Add(line);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var process = ToolProcess.Start(locator.Binaries.FfmpegPath, arguments);
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var runSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);

        var stderr = ToolProcess.ReadLinesAsync(process.StandardError, line => OnLine(line, 2));
        var stdout = runOptions.StandardOutput is { } consume
            ? Task.Run(() => consume(process.StandardOutput.BaseStream, runSource.Token), CancellationToken.None)
            : ToolProcess.ReadLinesAsync(process.StandardOutput, line => OnLine(line, 1));
        var stdin = runOptions.StandardInput is { } input
            ? Task.Run(() => FeedAsync(input, process.StandardInput.BaseStream, runSource.Token), CancellationToken.None)
            : Task.CompletedTask;
        // With stdin carrying media there is no channel left for q.
        var canSendQuit = runOptions.StandardInput is null;

        try
        {
            await WaitForExitAsync(process, [stdout, stdin], canSendQuit, runSource.Token);
        }
        catch (OperationCanceledException) when (runSource.IsCancellationRequested)
        {
            await ToolProcess.StopAsync(process, canSendQuit, _options.StopGracePeriod);
            await Task.WhenAll(stdout, stderr, stdin).ContinueWith(_ => { }, TaskScheduler.Default);
            cancellationToken.ThrowIfCancellationRequested();
            throw FfmpegException.TimedOutAfter(Tool, timeout, arguments, tail.Lines);
        }

        await Task.WhenAll(stdout, stderr, stdin);
        if (process.ExitCode != 0)
        {
            throw FfmpegException.Failed(Tool, process.ExitCode, arguments, tail.Lines);
        }
    }

    /// <summary>Waits for ffmpeg to exit; if a pipe pump fails first, ffmpeg is stopped and the pump's exception thrown.</summary>
    private async Task WaitForExitAsync(Process process, Task[] pumps, bool canSendQuit, CancellationToken cancellationToken)
    {
        var exited = process.WaitForExitAsync(cancellationToken);
        var pending = new List<Task>(pumps) { exited };
        while (!exited.IsCompleted)
        {
            var done = await Task.WhenAny(pending);
            if (done != exited && done.IsFaulted)
            {
                // A consumer that stopped reading would leave ffmpeg blocked on a full pipe.
                await ToolProcess.StopAsync(process, canSendQuit, _options.StopGracePeriod);
                await done;
            }

            pending.Remove(done);
        }

        await exited;
    }

    /// <summary>Copies the caller's stream into ffmpeg's stdin, then closes it so ffmpeg sees the end.</summary>
    private static async Task FeedAsync(Stream source, Stream standardInput, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            try
            {
                await standardInput.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            catch (IOException)
            {
                // ffmpeg stopped reading (it has what it needs, or it failed): its exit code tells which.
                return;
            }
        }

        try
        {
            await standardInput.DisposeAsync();
        }
        catch (IOException)
        {
            // Already gone; see above.
        }
    }

    /// <summary>Which pipe the arguments send <c>-progress</c> to: 1 (stdout), 2 (stderr) or 0 (elsewhere/none).</summary>
    internal static int ProgressPipe(IReadOnlyList<string> arguments)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == "-progress")
            {
                return arguments[i + 1] switch
                {
                    "pipe:1" or "pipe:" or "-" => 1,
                    "pipe:2" => 2,
                    _ => 0,
                };
            }
        }

        return 0;
    }
}
