using System.Globalization;
using MediaFunctions.Core.Media.Production.Analysis;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Analysis;

/// <summary>The envelope of generated sines read with the service's ffmpeg, against the level astats reads.</summary>
public sealed class LevelEnvelopeReaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("mf-envelope-").FullName;

    private static readonly LevelEnvelopeReader Reader = new(FfmpegTools.Runner());

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.05)]
    [InlineData(0.005)]
    public async Task ReadAsync_SineAtKnownAmplitude_EachFrameAtItsRms(double amplitude)
    {
        var token = FfmpegTools.Timeout();
        var path = Path.Combine(folder, "sine.wav");
        await SpeechLikeAudio.WriteAsync(path, string.Create(CultureInfo.InvariantCulture, $"{amplitude}*sin(2*PI*1000*t)"), 3, token);
        var expected = 20 * Math.Log10(amplitude) - 3.0103;

        var envelope = await Reader.ReadAsync(path, null, token);
        var astats = await SpeechLikeAudio.RmsLevelAsync(path, "anull", token);

        // The resampler's first and last few milliseconds ramp; the frames between are the sine's.
        var inner = envelope.Decibels.Skip(1).SkipLast(1).ToArray();
        output.WriteLine($"amplitude {amplitude}: {envelope.Decibels.Count} frames over {envelope.Duration.TotalSeconds} s, " +
            $"inner frames {inner.Min():0.000}…{inner.Max():0.000} dBFS, expected {expected:0.000} dBFS, astats {astats:0.000} dBFS");
        Assert.Equal(300, envelope.Decibels.Count);
        Assert.All(inner, level => Assert.InRange(level, expected - 0.1, expected + 0.1));
        Assert.InRange(astats, expected - 0.1, expected + 0.1);
    }

    [Fact]
    public async Task ReadAsync_Filter_ReadsTheLevelBehindIt()
    {
        var token = FfmpegTools.Timeout();
        var path = Path.Combine(folder, "sine.wav");
        await SpeechLikeAudio.WriteAsync(path, "0.5*sin(2*PI*1000*t)", 1, token);

        var plain = await Reader.ReadAsync(path, null, token);
        var quieter = await Reader.ReadAsync(path, "volume=-12dB", token);

        var change = quieter.Decibels[50] - plain.Decibels[50];
        output.WriteLine($"volume=-12dB: frame 50 {plain.Decibels[50]:0.000} → {quieter.Decibels[50]:0.000} dBFS ({change:+0.000;-0.000} dB)");
        Assert.InRange(change, -12.05, -11.95);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
