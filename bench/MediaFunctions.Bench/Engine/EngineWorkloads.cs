namespace MediaFunctions.Bench.Engine;

/// <summary>The sizes of the engine benchmark's workloads, the same for our engine and its peer.</summary>
internal static class EngineWorkloads
{
    /// <summary>Activities in the sequential chain, one after another.</summary>
    public const int ChainLength = 500;

    /// <summary>Activities in the fan-out, all at once, then summed.</summary>
    public const int FanOutWidth = 1000;

    /// <summary>One-activity chains started at once.</summary>
    public const int Instances = 200;

    /// <summary>The warm-up chain's length, run before anything is timed.</summary>
    public const int ChainWarmUp = 20;

    /// <summary>The warm-up fan-out's width, run before the fan-out is timed.</summary>
    public const int FanOutWarmUp = 100;

    /// <summary>Timed runs of each workload; the median is the figure and the slowest is printed too, so a stall shows.</summary>
    public const int Runs = 3;
}
