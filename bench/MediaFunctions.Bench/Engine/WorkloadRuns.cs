namespace MediaFunctions.Bench.Engine;

/// <summary>How long each of a workload's timed runs took.</summary>
internal sealed record WorkloadRuns(IReadOnlyList<TimeSpan> Durations)
{
    /// <summary>The middle run: the workload's figure.</summary>
    public TimeSpan Median => Durations.Order().ElementAt(Durations.Count / 2);

    /// <summary>The slowest run.</summary>
    public TimeSpan Slowest => Durations.Max();

    /// <summary>Runs <paramref name="runOnce"/> <see cref="EngineWorkloads.Runs"/> times, one after another.</summary>
    public static async Task<WorkloadRuns> MeasureAsync(Func<Task<TimeSpan>> runOnce)
    {
        var durations = new List<TimeSpan>();
        for (var i = 0; i < EngineWorkloads.Runs; i++)
        {
            durations.Add(await runOnce());
        }

        return new WorkloadRuns(durations);
    }
}
