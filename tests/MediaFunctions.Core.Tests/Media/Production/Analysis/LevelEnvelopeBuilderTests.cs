using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Tests.Media.Production.Analysis;

public class LevelEnvelopeBuilderTests
{
    private const int SampleRate = 16_000;

    [Fact]
    public void Build_OneSecondSine_HundredFramesAtItsRms()
    {
        var builder = new LevelEnvelopeBuilder(SampleRate);

        builder.Add(Bytes(Sine(0.5, SampleRate)));
        var envelope = builder.Build();

        Assert.Equal(100, envelope.Decibels.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), envelope.Duration);
        // A sine's RMS is 3.01 dB under its peak: 0.5 is −6.02 dBFS, so −9.03 dBFS.
        Assert.All(envelope.Decibels, level => Assert.InRange(level, -9.03 - 0.1, -9.03 + 0.1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1001)]
    public void Add_SamplesSplitAcrossCalls_SameEnvelopeAsOneCall(int chunkBytes)
    {
        var bytes = Bytes(Sine(0.25, SampleRate / 2));
        var whole = new LevelEnvelopeBuilder(SampleRate);
        whole.Add(bytes);
        var split = new LevelEnvelopeBuilder(SampleRate);

        for (var at = 0; at < bytes.Length; at += chunkBytes)
        {
            split.Add(bytes.AsSpan(at, Math.Min(chunkBytes, bytes.Length - at)));
        }

        Assert.Equal(whole.Build().Decibels, split.Build().Decibels);
    }

    [Fact]
    public void Build_PartialLastFrame_CountsAsAFrame()
    {
        var builder = new LevelEnvelopeBuilder(SampleRate);

        builder.Add(Bytes(Sine(0.5, 1650)));

        Assert.Equal(11, builder.Build().Decibels.Count);
    }

    [Fact]
    public void Build_DigitalSilence_Silent()
    {
        var builder = new LevelEnvelopeBuilder(SampleRate);

        builder.Add(Bytes(new float[800]));

        Assert.Equal([LevelEnvelope.Silent, LevelEnvelope.Silent, LevelEnvelope.Silent, LevelEnvelope.Silent, LevelEnvelope.Silent], builder.Build().Decibels);
    }

    /// <summary>A 1 kHz sine: ten whole periods in each 10 ms frame.</summary>
    private static float[] Sine(double amplitude, int samples) =>
        [.. Enumerable.Range(0, samples).Select(index => (float)(amplitude * Math.Sin(2 * Math.PI * 1000 * index / SampleRate)))];

    private static byte[] Bytes(float[] samples)
    {
        var bytes = new byte[samples.Length * sizeof(float)];
        for (var index = 0; index < samples.Length; index++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(index * sizeof(float)), samples[index]);
        }

        return bytes;
    }
}
