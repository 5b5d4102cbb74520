using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// Where a track speaks and where it pauses, read from its <see cref="LevelEnvelope"/> against a threshold set by the track's
/// own levels, so a quiet or a loud, a clean or a noisy recording is read alike. What the silence cutter shortens, and where
/// the denoiser and the multitrack gates read the noise floor and the speech level.
/// </summary>
/// <param name="Speech">The spans someone speaks, sorted; word gaps and plosives shorter than <see cref="MinimumPause"/> lie inside them.</param>
/// <param name="Pauses">The stretches without speech at least <see cref="MinimumPause"/> long, sorted, including a lead-in and a tail.</param>
/// <param name="NoiseFloor">The level (dBFS) of the track's quiet frames: the room, the hiss, or <see cref="LevelEnvelope.Silent"/>.</param>
/// <param name="SpeechLevel">The level (dBFS) of the track's loud frames: its voice.</param>
/// <param name="Duration">The track's length.</param>
public sealed record SpeechActivity(
    IReadOnlyList<TimeRange> Speech, IReadOnlyList<TimeRange> Pauses, double NoiseFloor, double SpeechLevel, TimeSpan Duration)
{
    /// <summary>
    /// The percentile of frame levels taken as the noise floor: in speech at least a tenth of the frames are pauses or the
    /// gaps between words, and the lowest tenth of them is the room.
    /// </summary>
    public const double NoisePercentile = 10;

    /// <summary>
    /// The percentile, among the frames at least <see cref="MinimumContrast"/> over the noise floor, taken as the speech level:
    /// the voice's vowels, above its quiet consonants but not its rare peaks. Among those frames, not all, so a minute of
    /// silence around one sentence reads the sentence's level.
    /// </summary>
    public const double SpeechPercentile = 90;

    /// <summary>Where between the noise floor (0) and the speech level (1) a quiet stretch becomes speech.</summary>
    public const double OnsetFraction = 0.4;

    /// <summary>
    /// Where speech, once begun, falls back below: lower than <see cref="OnsetFraction"/> (hysteresis) so a decaying syllable
    /// stays speech to its end and a noise frame near the threshold does not flicker in and out.
    /// </summary>
    public const double ReleaseFraction = 0.2;

    /// <summary>
    /// A track with no frame this far (dB) over its noise floor has no pauses to tell apart: it is all speech, or all silence
    /// when its floor is digital silence.
    /// </summary>
    public const double MinimumContrast = 8;

    /// <summary>
    /// The shortest pause (the hangover): quieter stretches shorter than this (the gaps between words, the closure before a
    /// plosive) stay inside the speech around them.
    /// </summary>
    public static readonly TimeSpan MinimumPause = TimeSpan.FromMilliseconds(300);

    /// <summary>The shortest speech: a lone louder stretch shorter than this (a click, a bump) is not speech.</summary>
    public static readonly TimeSpan MinimumSpeech = TimeSpan.FromMilliseconds(100);

    /// <summary>How long the track speaks.</summary>
    [JsonIgnore]
    public TimeSpan SpeechDuration => Speech.Aggregate(TimeSpan.Zero, (total, span) => total + span.Duration);

    /// <summary>Reads the speech and the pauses of <paramref name="envelope"/>.</summary>
    public static SpeechActivity Detect(LevelEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var levels = envelope.Decibels;
        if (levels.Count == 0)
        {
            return new SpeechActivity([], [], LevelEnvelope.Silent, LevelEnvelope.Silent, TimeSpan.Zero);
        }

        var sorted = levels.Order().ToArray();
        var noiseFloor = Percentile(sorted, NoisePercentile);
        var firstLoud = Array.FindIndex(sorted, level => level >= noiseFloor + MinimumContrast);
        if (firstLoud < 0)
        {
            var all = new TimeRange(TimeSpan.Zero, envelope.Duration);
            return noiseFloor <= LevelEnvelope.Silent
                ? new SpeechActivity([], [all], noiseFloor, noiseFloor, envelope.Duration)
                : new SpeechActivity([all], [], noiseFloor, noiseFloor, envelope.Duration);
        }

        var speechLevel = Percentile(sorted.AsSpan(firstLoud), SpeechPercentile);
        var contrast = speechLevel - noiseFloor;
        var speech = SpeakingSpans(envelope, noiseFloor + OnsetFraction * contrast, noiseFloor + ReleaseFraction * contrast);
        return new SpeechActivity(speech, PausesBetween(speech, envelope.Duration), noiseFloor, speechLevel, envelope.Duration);
    }

    private static List<TimeRange> SpeakingSpans(LevelEnvelope envelope, double onset, double release)
    {
        var spans = new List<TimeRange>();
        var start = -1;
        for (var frame = 0; frame <= envelope.Decibels.Count; frame++)
        {
            var level = frame < envelope.Decibels.Count ? envelope.Decibels[frame] : double.NegativeInfinity;
            if (start < 0 && level >= onset)
            {
                start = frame;
            }
            else if (start >= 0 && level < release)
            {
                var span = new TimeRange(envelope.FrameStart(start), envelope.FrameStart(frame));
                // The hangover: a gap shorter than a pause joins the speech on either side of it.
                if (spans.Count > 0 && span.Start - spans[^1].End < MinimumPause)
                {
                    span = span with { Start = spans[^1].Start };
                    spans.RemoveAt(spans.Count - 1);
                }

                spans.Add(span);
                start = -1;
            }
        }

        spans.RemoveAll(span => span.Duration < MinimumSpeech);
        return spans;
    }

    private static List<TimeRange> PausesBetween(IReadOnlyList<TimeRange> speech, TimeSpan duration)
    {
        var pauses = new List<TimeRange>();
        var from = TimeSpan.Zero;
        foreach (var span in speech.Append(new TimeRange(duration, duration)))
        {
            if (span.Start - from >= MinimumPause)
            {
                pauses.Add(new TimeRange(from, span.Start));
            }

            from = span.End;
        }

        return pauses;
    }

    private static double Percentile(ReadOnlySpan<float> sorted, double percentile) =>
        sorted[(int)Math.Round((sorted.Length - 1) * percentile / 100)];
}
