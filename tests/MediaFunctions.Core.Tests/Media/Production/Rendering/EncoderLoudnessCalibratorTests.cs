using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>Lossy outputs measured after their encoders: each at the production's target, however bright the audio.</summary>
public sealed class EncoderLoudnessCalibratorTests(ITestOutputHelper output) : IDisposable
{
    private static readonly LoudnessAnalyser Analyser = new(FfmpegTools.Runner());

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-calibration-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Render_BrightAudioToLowBitRates_EveryFileAtTheTargetUnderTheCeilingAfterItsEncoder()
    {
        var token = FfmpegTools.Timeout(120);
        // White noise: a low bit rate's lowpass takes a good part of its loudness.
        var input = Path.Combine(_folder, "noise.wav");
        await SpeechLikeAudio.WriteAsync(input, "0.05*(2*random(0)-1)", 40, token);
        var settings = new LoudnessSettings(NormLoudness: true, LoudnessTarget: -20, MaxPeak: -1, Filtering: false);
        var plan = await Analyser.PlanAsync(input, settings, SpeechLikeAudio.SampleRate, token);
        var spec = new ProductionRenderSpec(
            new ProductionRenderInput(input, [], plan, TimeSpan.FromSeconds(40), HasVideo: false, Channels: 1),
            null,
            null,
            [new("mp3", 64, "show.mp3", false, false), new("aac", 48, "show.m4a", false, false), new("flac", null, "show.flac", false, false)],
            new ProductionMetadata { Title = "Noise" },
            [],
            null,
            [],
            Path.Combine(_folder, "out"));

        var calibrated = await new EncoderLoudnessCalibrator(FfmpegTools.Runner(), Analyser).CalibrateAsync(spec, token);
        var files = await RenderedProduction.Renderer().RenderAsync(spec, cancellationToken: token);

        output.WriteLine(string.Join(", ", calibrated.Outputs.Select(file => $"{file.Format} {file.GainDecibels:+0.00;-0.00} dB")));
        Assert.True(calibrated.Outputs[0].GainDecibels > 0.2, $"the mp3 gain was {calibrated.Outputs[0].GainDecibels} dB");
        Assert.Equal(0, calibrated.Outputs[2].GainDecibels);
        foreach (var file in files)
        {
            // Reported for the entry as it was asked, not for its calibrated copy.
            Assert.Contains(file.Output, spec.Outputs);
            var measured = await Analyser.MeasureAsync(file.Path, null, token);
            output.WriteLine($"{Path.GetFileName(file.Path)}: {measured.IntegratedLoudness:0.00} LUFS, {measured.TruePeak:0.00} dBTP");
            Assert.InRange(measured.IntegratedLoudness, -20.25, -19.75);
            Assert.True(measured.TruePeak <= -1, $"{file.Path}: {measured.TruePeak} dBTP");
        }
    }
}
