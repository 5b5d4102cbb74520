using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Media.Production.Cutting;

/// <summary>
/// Auphonic's <c>silence_cutter</c>: every pause longer than <see cref="LongestPause"/> is shortened to
/// <see cref="KeptPause"/>, kept at its edges so the speech either side (its onset, its decay, a breath) is untouched and
/// the talk keeps a natural pause.
/// </summary>
public static class SilenceCutter
{
    /// <summary>The longest pause left as it is: a second is a speaker's deliberate pause; longer is dead air.</summary>
    public static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(1);

    /// <summary>What a longer pause is shortened to: half a second, a sentence's pause, half of it at each of its edges.</summary>
    public static readonly TimeSpan KeptPause = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The cuts that shorten <paramref name="speech"/>'s long pauses. A lead-in or a tail keeps its <see cref="KeptPause"/>
    /// next to the speech.
    /// </summary>
    public static CutList Plan(SpeechActivity speech)
    {
        ArgumentNullException.ThrowIfNull(speech);
        if (speech.Speech.Count == 0)
        {
            return CutList.Empty;
        }

        var half = KeptPause / 2;
        var cuts = speech.Pauses
            .Where(pause => pause.Duration > LongestPause)
            .Select(pause => pause.Start == TimeSpan.Zero ? new TimeRange(pause.Start, pause.End - KeptPause)
                : pause.End == speech.Duration ? new TimeRange(pause.Start + KeptPause, pause.End)
                : new TimeRange(pause.Start + half, pause.End - half));
        return new CutList([.. cuts]);
    }
}
