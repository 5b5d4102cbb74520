using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Core.Media.Production.Denoising;
using MediaFunctions.Core.Media.Production.Filtering;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>
/// A track's clean-up before the leveler, Auphonic's <c>filtering</c> and <c>denoise</c>, set from what the first measurement
/// read of the track as it is: its loudness and peak place the de-esser, its envelope gives the denoiser its noise floor.
/// </summary>
internal static class CleanupChain
{
    /// <param name="filtering">Remove hum and rumble, and de-ess.</param>
    /// <param name="denoise">Remove broadband noise.</param>
    /// <param name="denoiseAmount">By how much (dB; 0 automatic).</param>
    /// <param name="asItIs">The track as it is; its envelope must have been measured when <paramref name="denoise"/> is on.</param>
    /// <returns>The chain, or null when there is nothing to do.</returns>
    public static string? For(bool filtering, bool denoise, double denoiseAmount, AudioAnalysis asItIs)
    {
        // The denoiser before the de-esser, which would take broadband noise for sibilance.
        var denoiser = denoise ? Denoiser.Chain(denoiseAmount, SpeechActivity.Detect(asItIs.Envelope).NoiseFloor) : null;
        if (!filtering)
        {
            return denoiser;
        }

        if (asItIs.Loudness.HasLoudness)
        {
            return SpeechFilter.Chain(asItIs.Loudness.IntegratedLoudness, asItIs.Loudness.TruePeak, denoiser);
        }

        // Silence has no level to place the de-esser at.
        return denoiser is null ? HumAndRumbleFilter.Chain() : $"{HumAndRumbleFilter.Chain()},{denoiser}";
    }
}
