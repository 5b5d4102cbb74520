using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>
/// A track's envelope smoothed over <see cref="SmoothingFrames"/> (so one quiet 10 ms between two syllables is not a pause),
/// and the two levels its thresholds are set from: its noise floor and its speech (or music) level.
/// </summary>
internal sealed class TrackLevels
{
    /// <summary>50 ms: a syllable's length, over which a voice's level is steady enough to compare with another microphone's.</summary>
    public const int SmoothingFrames = 5;

    public TrackLevels(LevelEnvelope envelope)
    {
        Decibels = Smooth(envelope.Decibels);
        var sorted = Decibels.Order().ToArray();
        NoiseFloor = Percentile(sorted, 0.10);
        Loud = Percentile(sorted, 0.95);
    }

    /// <summary>The smoothed level (dBFS) of each frame.</summary>
    public double[] Decibels { get; }

    /// <summary>The level the quietest tenth of the track stays under: its room and microphone noise.</summary>
    public double NoiseFloor { get; }

    /// <summary>The level only the loudest twentieth of the track passes: its speech (or music) at full voice.</summary>
    public double Loud { get; }

    /// <summary>The share of frames within <paramref name="decibels"/> of <see cref="Loud"/>: near 1 for a steady bed, far under for speech with pauses.</summary>
    public double ShareNearLoud(double decibels) =>
        Decibels.Length == 0 ? 0 : Decibels.Count(level => level >= Loud - decibels) / (double)Decibels.Length;

    /// <summary>The power mean of each frame's neighbourhood, in dB.</summary>
    private static double[] Smooth(IReadOnlyList<float> decibels)
    {
        var power = decibels.Select(level => Math.Pow(10, level / 10)).ToArray();
        var smoothed = new double[power.Length];
        var half = SmoothingFrames / 2;
        var sum = 0.0;
        var count = 0;
        // A running window [k - half, k + half].
        for (var k = 0; k < Math.Min(half, power.Length); k++)
        {
            sum += power[k];
            count++;
        }

        for (var k = 0; k < power.Length; k++)
        {
            if (k + half < power.Length)
            {
                sum += power[k + half];
                count++;
            }

            if (k - half - 1 >= 0)
            {
                sum -= power[k - half - 1];
                count--;
            }

            smoothed[k] = 10 * Math.Log10(Math.Max(sum / count, 1e-12));
        }

        return smoothed;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? LevelEnvelope.Silent : sorted[(int)Math.Clamp(Math.Round(fraction * (sorted.Length - 1)), 0, sorted.Length - 1)];
}
