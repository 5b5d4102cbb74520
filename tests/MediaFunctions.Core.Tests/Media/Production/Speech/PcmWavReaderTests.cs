using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Speech;

/// <summary>The window-by-window reader Whisper is fed from, on the analysis pass's 16 kHz WAV.</summary>
[Collection(SpokenTopics.Name)]
public class PcmWavReaderTests(SpokenTopics media, ITestOutputHelper output)
{
    [Fact]
    public async Task ReadAsync_InWindows_ReadsTheWholeDurationFfprobeMeasures()
    {
        var token = FfmpegTools.Timeout();
        var probed = (await FfmpegTools.Prober().ProbeAsync(media.Topics, cancellationToken: token)).Duration!.Value;
        using var reader = PcmWavReader.Open(media.Topics);
        var window = new float[PcmWavReader.SampleRate * 10];
        var (samples, windows, peak) = (0L, 0, 0f);
        int read;
        while ((read = await reader.ReadAsync(window, token)) > 0)
        {
            (samples, windows) = (samples + read, windows + 1);
            peak = Math.Max(peak, window.Take(read).Max(Math.Abs));
        }

        var seconds = (double)samples / PcmWavReader.SampleRate;
        output.WriteLine($"{windows} windows, {seconds:0.000} s read, ffprobe {probed.TotalSeconds:0.000} s, peak {peak:0.000}");
        Assert.InRange(seconds, probed.TotalSeconds - 0.001, probed.TotalSeconds + 0.001);
        Assert.Equal(4, windows);
        Assert.InRange(peak, 0.1, 1);
    }

    [Fact]
    public async Task Open_NotSixteenKilohertzMono16Bit_Refused()
    {
        var path = Path.Combine(media.Folder, "float48k.wav");
        await SynthesizedSpeech.WriteAsync(path, "Hello there.", FfmpegTools.Timeout());

        var refused = Assert.Throws<SpeechRecognitionException>(() => PcmWavReader.Open(path));

        output.WriteLine(refused.Message);
    }
}
