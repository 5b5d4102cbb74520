using System.Globalization;
using MediaFunctions.Core.Ffmpeg;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// Reads an input's <see cref="LevelEnvelope"/> with one ffmpeg decode: its first audio stream behind an optional filter,
/// mixed to mono at <see cref="SampleRate"/>, streamed as raw samples into a <see cref="LevelEnvelopeBuilder"/>.
/// </summary>
public sealed class LevelEnvelopeReader(FfmpegRunner runner)
{
    /// <summary>
    /// The rate the level is read at: speech's energy lies under its 8 kHz Nyquist frequency, and a quarter of 48 kHz's
    /// samples cross the pipe.
    /// </summary>
    public const int SampleRate = 16_000;

    /// <summary>The filter that makes any audio the mono float samples the builder reads.</summary>
    public static string MonoSamples => string.Create(CultureInfo.InvariantCulture, $"aresample={SampleRate},aformat=sample_fmts=flt:channel_layouts=mono");

    /// <param name="input">A path or URL ffmpeg reads.</param>
    /// <param name="audioFilter">Filters to read the level behind (the track's clean-up); null for the input as it is.</param>
    /// <exception cref="FfmpegException">ffmpeg failed.</exception>
    public async Task<LevelEnvelope> ReadAsync(string input, string? audioFilter, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        var builder = new LevelEnvelopeBuilder(SampleRate);
        await runner.RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-i", input, "-map", "0:a:0",
                "-af", audioFilter is null ? MonoSamples : $"{audioFilter},{MonoSamples}", "-f", "f32le", "pipe:1"],
            new FfmpegRunOptions { StandardOutput = builder.ReadAsync },
            cancellationToken);
        return builder.Build();
    }
}
