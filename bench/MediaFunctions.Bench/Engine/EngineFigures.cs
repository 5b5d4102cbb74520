namespace MediaFunctions.Bench.Engine;

/// <summary>What one engine measured on the three workloads of <see cref="EngineWorkloads"/>.</summary>
internal sealed record EngineFigures(WorkloadRuns Sequential, WorkloadRuns FanOut, WorkloadRuns Instances)
{
    public double SequentialActivitiesPerSecond => EngineWorkloads.ChainLength / Sequential.Median.TotalSeconds;

    public double InstancesPerSecond => EngineWorkloads.Instances / Instances.Median.TotalSeconds;

    /// <summary>Prints the figures as `name value unit` lines under <paramref name="prefix"/>.</summary>
    public void WriteTo(string prefix, TextWriter output)
    {
        output.WriteLine($"{prefix}.sequential_activities_per_s {SequentialActivitiesPerSecond:F0} activities/s");
        output.WriteLine($"{prefix}.sequential_slowest_s {Sequential.Slowest.TotalSeconds:F2} s");
        output.WriteLine($"{prefix}.fanout_{EngineWorkloads.FanOutWidth}_s {FanOut.Median.TotalSeconds:F2} s");
        output.WriteLine($"{prefix}.fanout_{EngineWorkloads.FanOutWidth}_slowest_s {FanOut.Slowest.TotalSeconds:F2} s");
        output.WriteLine($"{prefix}.instances_per_s {InstancesPerSecond:F0} instances/s");
        output.WriteLine($"{prefix}.instances_slowest_s {Instances.Slowest.TotalSeconds:F2} s");
    }
}
