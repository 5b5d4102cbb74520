namespace MediaFunctions.Core.Productions.Runs;

/// <summary>
/// The audio algorithms a run applies beyond loudness (see <see cref="Media.Production.Loudness.LoudnessSettings"/>), resolved
/// from the production's <c>algorithms</c> with Auphonic's defaults.
/// </summary>
/// <param name="Leveler">Auphonic's Adaptive Leveler: speakers and passages brought to one level (on unless turned off).</param>
/// <param name="LevelerStrength"><c>levelerstrength</c>, 0–100 %.</param>
/// <param name="Denoise">Remove broadband noise.</param>
/// <param name="DenoiseAmount"><c>denoiseamount</c> in dB; 0 lets the analysis choose.</param>
/// <param name="SilenceCutter">Shorten long pauses.</param>
/// <param name="FillerCutter">Cut the fillers (um, uh) the speech recogniser finds.</param>
/// <param name="CoughCutter">Cut the coughs the speech recogniser's noise model finds.</param>
/// <param name="DualMono">A stereo input carries one mono signal on both channels: processed and measured as mono.</param>
/// <param name="Gate">Multitrack: silence each speaker's track while they do not speak.</param>
/// <param name="Crossgate">Multitrack: give each moment to the track whose speaker is loudest.</param>
/// <param name="Speech">Speech recognition as asked for; null when not.</param>
public sealed record ProductionAlgorithms(
    bool Leveler,
    double LevelerStrength,
    bool Denoise,
    double DenoiseAmount,
    bool SilenceCutter,
    bool FillerCutter,
    bool CoughCutter,
    bool DualMono,
    bool Gate,
    bool Crossgate,
    ProductionSpeechRequest? Speech)
{
    /// <summary>Auphonic's default: the leveler at full strength.</summary>
    public const double DefaultLevelerStrength = 100;

    /// <summary>True when the run needs the main audio's speech recognised: to transcribe it, or to find what a cutter cuts.</summary>
    public bool NeedsSpeech => Speech is not null || FillerCutter || CoughCutter;
}

/// <summary>A production's <c>speech_recognition</c>.</summary>
/// <param name="Language">The spoken language, as a code such as <c>en</c> or <c>en-US</c>; empty for the server's default.</param>
/// <param name="Keywords">Words and phrases to favour and to find.</param>
/// <param name="Shownotes">Make a summary outline of the transcript.</param>
public sealed record ProductionSpeechRequest(string Language, IReadOnlyList<string> Keywords, bool Shownotes);

/// <summary>One track of a multitrack production.</summary>
/// <param name="Id">Its <c>id</c>, which its upload field is named after.</param>
/// <param name="Source">Where its audio comes from.</param>
/// <param name="Filtering">Its own <c>filtering</c> (on unless turned off).</param>
/// <param name="Denoise">Its own <c>denoise</c>.</param>
/// <param name="DenoiseAmount">Its own <c>denoiseamount</c>; 0 automatic.</param>
/// <param name="BackForeground"><c>backforeground</c>: foreground, background, auto, unchanged or ducking.</param>
public sealed record ProductionTrack(string Id, ProductionSource Source, bool Filtering, bool Denoise, double DenoiseAmount, string BackForeground);
