using DurableTask.Core;

namespace MediaFunctions.Bench.Engine.Peer;

/// <summary>The peer's <c>Diagnostics.Chain</c>: adds 1 to its input n times, one activity after another; returns the sum.</summary>
internal sealed class PeerChainOrchestration : TaskOrchestration<int, int>
{
    public override async Task<int> RunTask(OrchestrationContext context, int input)
    {
        var sum = 0;
        for (var i = 0; i < input; i++)
        {
            sum = await context.ScheduleTask<int>(typeof(PeerAddActivity), new PeerAddInput(sum, 1));
        }

        return sum;
    }
}
