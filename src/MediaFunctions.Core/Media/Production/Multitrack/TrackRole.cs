namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>A track's part in the mix: Auphonic's per-track <c>backforeground</c> setting.</summary>
public enum TrackRole
{
    /// <summary>Decided from the track's levels: steady and nearly always playing is background, speech with pauses foreground.</summary>
    Auto,

    /// <summary>A speaker: gated (and cross-gated) when the production asks, and what the background ducks under.</summary>
    Foreground,

    /// <summary>Music or ambience under the speakers, lowered while any of them speaks.</summary>
    Background,

    /// <summary>Lowered while any speaker speaks, as <see cref="Background"/>: Auphonic's name for a bed that is ducked.</summary>
    Ducking,

    /// <summary>Mixed as it is: neither gated nor ducked, and nothing ducks under it.</summary>
    Unchanged,
}
