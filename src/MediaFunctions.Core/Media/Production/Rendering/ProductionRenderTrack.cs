using MediaFunctions.Core.Media.Production.Multitrack;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>One track of a multitrack production's main input, mixed with the others into the production's program.</summary>
/// <param name="Id">The track's id as the production names it; its file in a <c>tracks</c> output is named after it.</param>
/// <param name="Location">A local path or URL ffmpeg reads.</param>
/// <param name="InputArguments">ffmpeg options put before its <c>-i</c>, empty when none.</param>
/// <param name="AudioFilter">Its own clean-up chain (from its <c>algorithms</c>); null when none.</param>
/// <param name="Duration">Its length as probed.</param>
/// <param name="Channels">Its audio channels as probed.</param>
/// <param name="Gain">Its gate or ducking gain over time (<see cref="MultitrackGainPlanner"/>); null to mix it as it is.</param>
public sealed record ProductionRenderTrack(
    string Id, string Location, IReadOnlyList<string> InputArguments, string? AudioFilter, TimeSpan Duration, int Channels, TrackGain? Gain);
