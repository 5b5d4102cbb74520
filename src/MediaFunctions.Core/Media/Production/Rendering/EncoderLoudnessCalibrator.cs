using System.Globalization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Loudness;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Measures how far each lossy output's encoder moves a production's loudness, on an excerpt of its finished audio, and
/// sets that output's gain to make it up: an MP3 at 128 kbit/s or less, say, comes out of LAME about 0.45 LU quieter, and
/// broadband material loses up to a full LU to a low bit rate's lowpass. The excerpt is a half minute from the middle of the
/// main input, so this costs a few seconds of encoding whatever the production's length.
/// </summary>
/// <remarks>
/// A gain is only raised while the production's expected true peak leaves room for it under <c>maxpeak</c> (less
/// <see cref="PeakMarginDecibels"/> for the encoder's own overshoot); the limiter leaves
/// <see cref="LoudnessPlanner.EncoderRoomDecibels"/> for it.
/// </remarks>
public sealed class EncoderLoudnessCalibrator(FfmpegRunner runner, LoudnessAnalyser analyser)
{
    /// <summary>How long the excerpt is.</summary>
    public const double ExcerptSeconds = 30;

    /// <summary>Room left under <c>maxpeak</c> for the peaks a lossy encoder adds: AAC at 64 kbit/s overshoots limited speech by 0.6 dB.</summary>
    public const double PeakMarginDecibels = 1;

    /// <summary>The largest correction, either way: past it, something other than the encoder is wrong.</summary>
    public const double MaxCorrectionDecibels = 1.5;

    /// <summary>Corrections smaller than this are left out.</summary>
    public const double NegligibleDecibels = 0.05;

    private static readonly HashSet<string> LossyFormats = new(StringComparer.OrdinalIgnoreCase) { "mp3", "mp3-vbr", "vorbis", "opus", "aac" };

    /// <summary>The spec with each lossy output's <see cref="ProductionOutputFile.GainDecibels"/> set; as it was when there is nothing to correct.</summary>
    public async Task<ProductionRenderSpec> CalibrateAsync(ProductionRenderSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var settings = spec.Main.Loudness.Settings;
        var lossy = spec.Outputs.Where(output => LossyFormats.Contains(output.Format)).ToList();
        if (!settings.NormLoudness || lossy.Count == 0)
        {
            return spec;
        }

        var folder = Directory.CreateDirectory(Path.Combine(spec.OutputFolder, "calibration")).FullName;
        try
        {
            var excerpt = Path.Combine(folder, "excerpt.wav");
            var start = Math.Max(0, (spec.Main.Duration.TotalSeconds - ExcerptSeconds) / 2);
            await RunAsync(
                [.. spec.Main.InputArguments, "-ss", Seconds(start), "-t", Seconds(ExcerptSeconds), "-i", spec.Main.Location, "-map", "0:a:0",
                    "-af", spec.Main.Loudness.AudioFilter ?? "anull", "-c:a", "pcm_f32le", excerpt],
                cancellationToken);
            var room = spec.Main.Loudness.ExpectedTruePeak is { } peak ? Math.Max(0, settings.MaxPeak - PeakMarginDecibels - peak) : 0;
            var gains = new Dictionary<(string, int?, bool), double>();
            foreach (var output in lossy)
            {
                var key = (output.Format.ToLowerInvariant(), output.BitrateKbps, output.MonoMixdown && spec.Main.Channels > 1);
                if (!gains.ContainsKey(key))
                {
                    var change = await EncoderChangeAsync(excerpt, output, key.Item3, folder, gains.Count, cancellationToken);
                    var gain = Math.Clamp(-change, -MaxCorrectionDecibels, Math.Min(MaxCorrectionDecibels, room));
                    gains[key] = Math.Abs(gain) < NegligibleDecibels ? 0 : Math.Round(gain, 2);
                }
            }

            return spec with
            {
                Outputs = [.. spec.Outputs.Select(output => LossyFormats.Contains(output.Format)
                    ? output with { GainDecibels = gains[(output.Format.ToLowerInvariant(), output.BitrateKbps, output.MonoMixdown && spec.Main.Channels > 1)] }
                    : output)],
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The loudness the output's encoder adds (LU, negative when it takes some away), measured on the excerpt.</summary>
    private async Task<double> EncoderChangeAsync(string excerpt, ProductionOutputFile output, bool mixesDown, string folder, int number, CancellationToken cancellationToken)
    {
        var format = ProductionFormats.Get(output.Format);
        string[] mixdown = mixesDown ? ["-af", ProductionRenderPlanner.MonoMixdown] : [];
        var reference = excerpt;
        if (mixesDown)
        {
            reference = Path.Combine(folder, $"reference-{number}.wav");
            await RunAsync(["-i", excerpt, .. mixdown, "-c:a", "pcm_f32le", reference], cancellationToken);
        }

        var encoded = Path.Combine(folder, $"encoded-{number}.{format.Ending}");
        await RunAsync(["-i", excerpt, .. mixdown, .. format.AudioArguments(output.BitrateKbps), "-f", format.Muxer, encoded], cancellationToken);
        var before = await analyser.MeasureAsync(reference, null, cancellationToken);
        var after = await analyser.MeasureAsync(encoded, null, cancellationToken);
        return before.HasLoudness && after.HasLoudness ? after.IntegratedLoudness - before.IntegratedLoudness : 0;
    }

    private Task RunAsync(string[] arguments, CancellationToken cancellationToken) =>
        runner.RunAsync(["-hide_banner", "-nostats", "-loglevel", "error", "-y", .. arguments], cancellationToken: cancellationToken);

    private static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);
}
