namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>What a production format's file holds besides the production's audio.</summary>
public enum ProductionFormatKind
{
    /// <summary>Audio only (with cover art where the container carries it).</summary>
    Audio,

    /// <summary>The main input's video stream, copied, with the production's audio.</summary>
    Video,

    /// <summary>An H.264 waveform video drawn from the production's audio over the cover image.</summary>
    Audiogram,

    /// <summary>A multitrack production's processed tracks, each a file named after its track, in one zip.</summary>
    Tracks,
}
