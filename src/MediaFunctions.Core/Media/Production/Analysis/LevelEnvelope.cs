namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// The level of a track over time: the RMS level (dBFS) of each <see cref="FrameDuration"/> of it, from its start. What the
/// cutters, the denoiser's automatic amount and the multitrack gates decide from.
/// </summary>
/// <param name="FrameDuration">How long each frame is.</param>
/// <param name="Decibels">Each frame's RMS level in dBFS; <see cref="Silent"/> for digital silence.</param>
public sealed record LevelEnvelope(TimeSpan FrameDuration, IReadOnlyList<float> Decibels)
{
    /// <summary>The standard frame: 10 ms, fine enough to cut between syllables.</summary>
    public static readonly TimeSpan StandardFrame = TimeSpan.FromMilliseconds(10);

    /// <summary>The level given to a frame of digital silence.</summary>
    public const float Silent = -120;

    /// <summary>The envelope's length.</summary>
    public TimeSpan Duration => FrameDuration * Decibels.Count;

    /// <summary>When frame <paramref name="index"/> starts.</summary>
    public TimeSpan FrameStart(int index) => FrameDuration * index;
}
