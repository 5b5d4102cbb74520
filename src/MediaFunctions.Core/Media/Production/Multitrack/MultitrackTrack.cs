using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>One track of a multitrack production, as its gains are decided from.</summary>
/// <param name="Id">The track's id as the production names it.</param>
/// <param name="Envelope">Its level over time behind its own clean-up filters (<see cref="LevelEnvelopeReader"/>).</param>
/// <param name="Role">Its <c>backforeground</c> setting.</param>
public sealed record MultitrackTrack(string Id, LevelEnvelope Envelope, TrackRole Role);
