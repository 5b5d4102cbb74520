using DurableTask.Core;

namespace MediaFunctions.Bench.Engine.Peer;

/// <summary>The peer's <c>Diagnostics.Add</c>: returns A + B.</summary>
internal sealed class PeerAddActivity : TaskActivity<PeerAddInput, int>
{
    protected override int Execute(TaskContext context, PeerAddInput input) => input.A + input.B;
}
