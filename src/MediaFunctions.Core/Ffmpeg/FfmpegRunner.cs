using System.Diagnostics;
using System.Text;
using CliWrap;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Runs ffmpeg with an argument list: reports its <c>-progress</c> output, bounds it with a timeout,
/// stops it on cancel (SIGINT, a grace period, then a kill of its process tree), streams its stdin/stdout
/// when asked, and turns a non-zero exit into an <see cref="FfmpegException"/> with the stderr tail. Every run is an
/// <c>ffmpeg</c> span tagged with the current <see cref="JobTelemetry"/> and a <c>mediafunctions.render.duration</c> measurement;
/// its arguments are never recorded, as its inputs are often links with a SAS signature.
/// </summary>
/// <remarks>
/// NOTE: ours, not FFMpegCore's processor (which <see cref="MediaProber"/> uses for ffprobe): the planners
/// yield argv lists, which FFMpegCore takes only as one quoted command string; progress is read from
/// <c>-progress</c>'s key=value blocks, where FFMpegCore reads <c>time=</c> from stderr statistics; and the
/// AMR encoder and the audio split stream media through ffmpeg's own stdin and stdout, where FFMpegCore
/// pipes through sockets it names per run.
/// </remarks>
public sealed class FfmpegRunner(FfmpegLocator locator, IOptions<FfmpegOptions> options, MediaFunctionsMetrics metrics)
{
    private const string Tool = "ffmpeg";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
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

        var job = JobTelemetry.Current;
        using var span = MediaFunctionsTelemetry.Source.StartActivity(Tool);
        span?.SetTag(TelemetryTags.Tool, Tool);
        job?.Tag(span);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await RunProcessAsync(arguments, runOptions, progressPipe, span, cancellationToken);
        }
        catch (Exception failure)
        {
            span?.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            throw;
        }
        finally
        {
            metrics.RenderRan(job?.Kind, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task RunProcessAsync(IReadOnlyList<string> arguments, FfmpegRunOptions runOptions, int progressPipe, Activity? span,
        CancellationToken cancellationToken)
    {
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
                runOptions.StandardError?.Invoke(line);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var timeoutSource = new CancellationTokenSource(timeout);
        using var runSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        using var interrupt = new CancellationTokenSource();
        using var kill = new CancellationTokenSource();
        // Stopping is SIGINT, on which ffmpeg finishes its outputs as on q, then a kill after the grace period.
        using var stopping = runSource.Token.Register(() =>
        {
            interrupt.Cancel();
            kill.CancelAfter(_options.StopGracePeriod);
        });

        var command = Cli.Wrap(locator.Binaries.FfmpegPath)
            .WithArguments(arguments)
            .WithValidation(CommandResultValidation.None)
            .WithStandardInputPipe(runOptions.StandardInput is { } input ? PipeSource.FromStream(input) : PipeSource.Null)
            .WithStandardOutputPipe(runOptions.StandardOutput is { } consume
                ? PipeTarget.Create(async (stdout, _) =>
                {
                    try
                    {
                        await consume(stdout, runSource.Token);
                    }
                    catch
                    {
                        // A consumer that stopped reading would leave ffmpeg blocked on a full pipe.
                        await kill.CancelAsync();
                        throw;
                    }
                })
                : PipeTarget.ToDelegate(line => OnLine(line, 1), Utf8))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => OnLine(line, 2), Utf8));

        CommandResult result;
        try
        {
            var running = command.ExecuteAsync(kill.Token, interrupt.Token);
            if (runOptions.BelowHostPriority)
            {
                RunBelowHost(running.ProcessId);
            }

            result = await running;
        }
        catch (OperationCanceledException) when (runSource.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw FfmpegException.TimedOutAfter(Tool, timeout, arguments, tail.Lines);
        }

        span?.SetTag(TelemetryTags.ExitCode, result.ExitCode);
        if (result.ExitCode != 0)
        {
            throw FfmpegException.Failed(Tool, result.ExitCode, arguments, tail.Lines);
        }
    }

    /// <summary>
    /// Lowers ffmpeg to <see cref="ProcessPriorityClass.BelowNormal"/> as it starts, before it opens its inputs or starts a
    /// codec thread (those inherit it, as Linux keeps a nice value per thread).
    /// </summary>
    private static void RunBelowHost(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.PriorityClass = ProcessPriorityClass.BelowNormal;
        }
        catch (Exception notLowered) when (notLowered is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // NOTE: it has exited already, or the system refused: it runs at the host's priority.
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
