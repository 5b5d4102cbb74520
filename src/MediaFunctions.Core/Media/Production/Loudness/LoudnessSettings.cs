using System.Globalization;
using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>
/// A production's loudness algorithms, as Auphonic names them: <c>normloudness</c>, <c>loudnesstarget</c>,
/// <c>maxpeak</c> and <c>filtering</c>.
/// </summary>
/// <param name="NormLoudness">Normalise the integrated loudness to <paramref name="LoudnessTarget"/>.</param>
/// <param name="LoudnessTarget">The integrated loudness to reach, in LUFS.</param>
/// <param name="MaxPeak">The highest true peak the output may have, in dBTP.</param>
/// <param name="Filtering">Remove rumble and mains hum below the voice (see <see cref="HumAndRumbleFilter"/>).</param>
public sealed record LoudnessSettings(bool NormLoudness, double LoudnessTarget, double MaxPeak, bool Filtering)
{
    /// <summary>The quietest target Auphonic offers (-31 LUFS).</summary>
    public const double MinLoudnessTarget = -31;

    /// <summary>The loudest target Auphonic offers (-13 LUFS).</summary>
    public const double MaxLoudnessTarget = -13;

    /// <summary>
    /// The lowest peak ceiling: the limiter holds nothing under −24 dBFS (its <c>limit</c> option's minimum),
    /// and it runs <see cref="LoudnessPlanner.LimiterMarginDecibels"/> under the ceiling.
    /// </summary>
    public const double MinMaxPeak = -23;

    /// <summary>A peak ceiling above full scale would let the output clip.</summary>
    public const double MaxMaxPeak = 0;

    /// <summary>The fields out of range, named as the Auphonic API names them; empty when the settings can be planned.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        if (!(LoudnessTarget is >= MinLoudnessTarget and <= MaxLoudnessTarget))
        {
            errors.Add(new("loudnesstarget", string.Create(CultureInfo.InvariantCulture,
                $"loudnesstarget must be between {MinLoudnessTarget} and {MaxLoudnessTarget} LUFS; it was {LoudnessTarget}.")));
        }

        if (!(MaxPeak is >= MinMaxPeak and <= MaxMaxPeak))
        {
            errors.Add(new("maxpeak", string.Create(CultureInfo.InvariantCulture,
                $"maxpeak must be between {MinMaxPeak} and {MaxMaxPeak} dBTP; it was {MaxPeak}.")));
        }

        return errors;
    }

    /// <exception cref="ProductionSettingsException">A field is out of range.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ProductionSettingsException(errors);
        }
    }
}
