namespace MediaFunctions.Core.Media.Production.Loudness;

/// <summary>What ffmpeg's EBU R128 meter (<c>ebur128=peak=true</c>) read over a whole input.</summary>
/// <param name="IntegratedLoudness">Integrated loudness in LUFS; -70 (the absolute gate) or -∞ for silence.</param>
/// <param name="TruePeak">The highest true (4× oversampled) peak in dBTP; -∞ for digital silence.</param>
/// <param name="LoudnessRange">Loudness range (LRA) in LU.</param>
/// <param name="Threshold">The relative gate of the integrated loudness, in LUFS.</param>
public sealed record LoudnessMeasurement(double IntegratedLoudness, double TruePeak, double LoudnessRange, double Threshold)
{
    /// <summary>BS.1770's absolute gate: an input no louder than this is silence, with no loudness to normalise.</summary>
    public const double AbsoluteGate = -70;

    /// <summary>True when the input has speech or music above the absolute gate.</summary>
    public bool HasLoudness => double.IsFinite(IntegratedLoudness) && IntegratedLoudness > AbsoluteGate;
}
