using System.Globalization;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media.Production;

/// <summary>
/// Renders generated audio through a production chain with the service's ffmpeg and measures it the way a listener's
/// meter would: <c>astats</c> RMS over a band or over chosen time spans, <c>ebur128</c> loudness.
/// </summary>
public static class ProducedAudio
{
    private static readonly LoudnessAnalyser Analyser = new(FfmpegTools.Runner());

    /// <summary>Renders <paramref name="input"/> through <paramref name="audioFilter"/> (none when null) as 32-bit float WAV beside it.</summary>
    public static async Task<string> RenderAsync(string input, string? audioFilter, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetDirectoryName(input)!, Guid.NewGuid().ToString("N") + "-rendered.wav");
        string[] filter = audioFilter is null ? [] : ["-af", audioFilter];
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "error", "-y", "-i", input, .. filter, "-c:a", "pcm_f32le", output],
            cancellationToken: cancellationToken);
        return output;
    }

    /// <summary>The RMS level (dBFS) of <paramref name="path"/> after <paramref name="filter"/>.</summary>
    public static Task<double> RmsLevelAsync(string path, string filter, CancellationToken cancellationToken) =>
        SpeechLikeAudio.RmsLevelAsync(path, filter, cancellationToken);

    /// <summary>The RMS level (dBFS) of <paramref name="path"/> over <paramref name="spans"/> together, in 10 ms steps.</summary>
    public static Task<double> RmsLevelAsync(string path, IEnumerable<(TimeSpan Start, TimeSpan End)> spans, CancellationToken cancellationToken) =>
        RmsLevelAsync(path, "anull", spans, cancellationToken);

    /// <summary>The RMS level (dBFS) of <paramref name="path"/> after <paramref name="filter"/>, over <paramref name="spans"/> together.</summary>
    public static Task<double> RmsLevelAsync(
        string path, string filter, IEnumerable<(TimeSpan Start, TimeSpan End)> spans, CancellationToken cancellationToken)
    {
        var selected = string.Join('+', spans.Select(span => string.Create(CultureInfo.InvariantCulture,
            $@"between(t\,{span.Start.TotalSeconds:0.###}\,{span.End.TotalSeconds:0.###})")));
        return SpeechLikeAudio.RmsLevelAsync(path, $"{filter},asetnsamples=n=480,aselect='{selected}'", cancellationToken);
    }

    /// <summary>The integrated loudness and loudness range, by <c>ebur128</c>.</summary>
    public static Task<LoudnessMeasurement> LoudnessAsync(string path, CancellationToken cancellationToken) =>
        Analyser.MeasureAsync(path, null, cancellationToken);

    /// <summary>The span from <paramref name="start"/> to <paramref name="end"/>, shrunk by <paramref name="margin"/> at both ends.</summary>
    public static (TimeSpan Start, TimeSpan End) Inside(TimeSpan start, TimeSpan end, TimeSpan margin) => (start + margin, end - margin);
}
