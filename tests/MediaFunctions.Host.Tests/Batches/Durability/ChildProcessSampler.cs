using System.Globalization;

namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>
/// Counts, every <see cref="Interval"/>, the processes named <see cref="ProcessName"/> that descend from one process
/// (read from /proc: each process's name and parent), and keeps the highest count seen and the <c>-threads</c> each
/// was started with, until stopped.
/// </summary>
internal sealed class ChildProcessSampler : IAsyncDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    private readonly int ancestorId;
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private readonly Lock threadArgumentsLock = new();
    private readonly HashSet<string> threadArguments = [];
    private int maximum;
    private int samples;
    private int samplesWithAny;
    private int stopped;

    private ChildProcessSampler(int ancestorId, string processName)
    {
        this.ancestorId = ancestorId;
        ProcessName = processName;
        sampling = Task.Run(SampleAsync);
    }

    /// <summary>The process name (<c>/proc/{pid}/comm</c>) counted.</summary>
    public string ProcessName { get; }

    /// <summary>The most processes seen at once so far.</summary>
    public int Maximum => Volatile.Read(ref maximum);

    /// <summary>How many samples were taken.</summary>
    public int Samples => Volatile.Read(ref samples);

    /// <summary>How many samples saw at least one process.</summary>
    public int SamplesWithAny => Volatile.Read(ref samplesWithAny);

    /// <summary>The <c>-threads</c> values the processes seen were started with ("none" for a process without one).</summary>
    public IReadOnlySet<string> ThreadArguments
    {
        get
        {
            lock (threadArgumentsLock)
            {
                return threadArguments.ToHashSet();
            }
        }
    }

    /// <summary>Starts sampling the descendants of <paramref name="ancestorId"/> named <paramref name="processName"/>.</summary>
    public static ChildProcessSampler Start(int ancestorId, string processName = "ffmpeg") => new(ancestorId, processName);

    /// <summary>How many descendants of <paramref name="ancestorId"/> are named <paramref name="processName"/> now.</summary>
    public static int Count(int ancestorId, string processName = "ffmpeg") => Find(ancestorId, processName).Count;

    private static List<int> Find(int ancestorId, string processName)
    {
        var processes = new Dictionary<int, (int ParentId, string Name)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ReadStat(directory) is { } stat)
            {
                processes[id] = stat;
            }
        }

        return processes.Where(process => process.Value.Name == processName && DescendsFrom(process.Key, ancestorId, processes))
            .Select(process => process.Key).ToList();
    }

    /// <summary>Stops sampling; <see cref="Maximum"/> keeps the highest count seen. Stopping twice is harmless.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await stop.CancelAsync();
        await sampling;
        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            var found = Find(ancestorId, ProcessName);
            var count = found.Count;
            foreach (var id in found)
            {
                if (ReadThreadsArgument(id) is { } threads)
                {
                    lock (threadArgumentsLock)
                    {
                        threadArguments.Add(threads);
                    }
                }
            }

            Interlocked.Increment(ref samples);
            if (count > 0)
            {
                Interlocked.Increment(ref samplesWithAny);
            }

            if (count > Volatile.Read(ref maximum))
            {
                Volatile.Write(ref maximum, count);
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static bool DescendsFrom(int id, int ancestorId, Dictionary<int, (int ParentId, string Name)> processes)
    {
        // Bounded: pid reuse between reads could in theory make a loop.
        for (var hops = 0; hops < 64 && processes.TryGetValue(id, out var process); hops++)
        {
            if (process.ParentId == ancestorId)
            {
                return true;
            }

            id = process.ParentId;
        }

        return false;
    }

    // The value after the last "-threads" of /proc/{pid}/cmdline (arguments separated by NULs), "none" without one; null
    // once gone (an exited process not yet reaped has an empty command line).
    private static string? ReadThreadsArgument(int id)
    {
        string[] arguments;
        try
        {
            arguments = File.ReadAllText($"/proc/{id}/cmdline").Split('\0');
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (arguments is [""])
        {
            return null;
        }

        var last = Array.LastIndexOf(arguments, "-threads");
        return last >= 0 && last + 1 < arguments.Length ? arguments[last + 1] : "none";
    }

    // "/proc/{pid}/stat" is "pid (name) state ppid …"; the name may hold spaces and parentheses, so it ends at the last ')'.
    private static (int ParentId, string Name)? ReadStat(string directory)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(Path.Combine(directory, "stat"));
        }
        catch (Exception gone) when (gone is IOException or UnauthorizedAccessException)
        {
            // The process ended between listing and reading.
            return null;
        }

        var open = stat.IndexOf('(', StringComparison.Ordinal);
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parentId)
            ? (parentId, stat[(open + 1)..close])
            : null;
    }
}
