using System.Globalization;

namespace MediaFunctions.Testing.Media;

/// <summary>A recording put together from parts (spoken sentences, fillers, coughs) at known times, over white noise.</summary>
public static class SpokenTimeline
{
    /// <summary>Lays <paramref name="parts"/> out (each at its start, with its gain in dB) over white noise, as 48 kHz mono float WAV.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="parts">Each part's file, where it starts (seconds) and its gain (dB).</param>
    /// <param name="seconds">The recording's length.</param>
    /// <param name="noiseAmplitude">The white noise's amplitude (full scale); 0 for none.</param>
    /// <param name="cancellationToken">Stops ffmpeg.</param>
    public static async Task WriteAsync(string path, IReadOnlyList<(string Path, double At, double Gain)> parts, double seconds, double noiseAmplitude,
        CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-hide_banner", "-nostats", "-loglevel", "error", "-y" };
        var graph = new List<string>();
        for (var i = 0; i < parts.Count; i++)
        {
            arguments.AddRange(["-i", parts[i].Path]);
            var delay = (int)Math.Round(parts[i].At * 1000);
            graph.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}:a]adelay={delay}:all=1,volume={parts[i].Gain}dB,apad=whole_dur={seconds}[p{i}]"));
        }

        var mixed = string.Concat(parts.Select((_, i) => $"[p{i}]"));
        graph.Add(string.Create(CultureInfo.InvariantCulture,
            $"anoisesrc=d={seconds}:c=white:r={SpeechLikeAudio.SampleRate}:a={noiseAmplitude}:seed=7[noise];{mixed}[noise]amix=inputs={parts.Count + 1}:normalize=0:duration=longest,atrim=0:{seconds}"));
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-ac", "1", "-c:a", "pcm_f32le", path]);
        await FfmpegTools.Runner().RunAsync(arguments, cancellationToken: cancellationToken);
    }
}
