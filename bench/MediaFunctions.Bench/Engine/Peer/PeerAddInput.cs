namespace MediaFunctions.Bench.Engine.Peer;

/// <summary>The input of <see cref="PeerAddActivity"/>, shaped as our engine's <c>Diagnostics.Add</c> input.</summary>
internal sealed record PeerAddInput(int A, int B);
