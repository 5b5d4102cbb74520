using System.Runtime.ExceptionServices;
using CliWrap;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// ffmpeg runs that feed each other through FIFOs, so a second core works beside the first: one decodes and filters, another
/// encodes or meters what it is handed. ffmpeg's audio filter graph runs on one thread, so this is how a job uses two cores.
/// </summary>
internal static class ConnectedRuns
{
    /// <summary>True where a second core and FIFOs are there to run beside the main run.</summary>
    public static bool Available => Environment.ProcessorCount > 1 && OperatingSystem.IsLinux();

    /// <summary>Makes a FIFO at <paramref name="path"/>.</summary>
    public static async Task CreateFifoAsync(string path, CancellationToken cancellationToken) =>
        await Cli.Wrap("mkfifo").WithArguments([path]).ExecuteAsync(cancellationToken);

    /// <summary>
    /// Runs every run together. Each waits on the others through their FIFOs, so when one fails the others are stopped, and
    /// its failure (not theirs, which is only that they were stopped) is the one thrown.
    /// </summary>
    /// <param name="runs">Each run, given the token that stops it.</param>
    /// <param name="cancellationToken">Stops them all.</param>
    public static async Task RunAsync(IReadOnlyList<Func<CancellationToken, Task>> runs, CancellationToken cancellationToken)
    {
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        async Task RunOneAsync(Func<CancellationToken, Task> run)
        {
            try
            {
                await run(failed.Token);
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        }

        var running = runs.Select(RunOneAsync).ToArray();
        try
        {
            await Task.WhenAll(running);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested
            && running.Select(run => run.Exception?.InnerException).FirstOrDefault(cause => cause is not null and not OperationCanceledException) is { } cause)
        {
            ExceptionDispatchInfo.Throw(cause);
        }
    }
}
