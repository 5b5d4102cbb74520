namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>A multitrack production's master algorithms that act between its tracks.</summary>
/// <param name="Gate">Silence each speaker's track while they do not speak, so the other speakers' bleed and the room's noise drop out.</param>
/// <param name="Crossgate">Give each moment to the speaker whose own microphone is loudest, so bleed goes even when it is nearly as loud as the speech.</param>
public sealed record MultitrackSettings(bool Gate, bool Crossgate)
{
    /// <summary>How far a background track is lowered while a speaker speaks: well under speech, still heard.</summary>
    public const double DuckingDecibels = -15;
}
