using DurableTask.Core;

namespace MediaFunctions.Bench.Engine.Peer;

/// <summary>The peer's <c>Diagnostics.FanOut</c>: runs n activities at once and sums their results (0 + 1 + … + n-1).</summary>
internal sealed class PeerFanOutOrchestration : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, input)
            .Select(i => context.ScheduleTask<int>(typeof(PeerAddActivity), new PeerAddInput(i, 0))));
        return results.Sum();
    }
}
