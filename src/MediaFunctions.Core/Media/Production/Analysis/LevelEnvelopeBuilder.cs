using System.Buffers.Binary;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// Builds a <see cref="LevelEnvelope"/> from mono 32-bit float samples as they stream past (ffmpeg's <c>f32le</c> output),
/// keeping one number a frame and never the samples.
/// </summary>
public sealed class LevelEnvelopeBuilder
{
    private readonly int frameSamples;
    private readonly List<float> decibels = [];
    private readonly byte[] partialSample = new byte[sizeof(float)];
    private int partialBytes;
    private double sumOfSquares;
    private int samplesInFrame;

    /// <param name="sampleRate">The samples' rate.</param>
    /// <param name="frameDuration">The envelope's frame; <see cref="LevelEnvelope.StandardFrame"/> when null.</param>
    public LevelEnvelopeBuilder(int sampleRate, TimeSpan? frameDuration = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        FrameDuration = frameDuration ?? LevelEnvelope.StandardFrame;
        frameSamples = (int)Math.Round(FrameDuration.TotalSeconds * sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameSamples, nameof(frameDuration));
    }

    /// <summary>How long each frame of the envelope is.</summary>
    public TimeSpan FrameDuration { get; }

    /// <summary>Adds little-endian float samples; a sample split across two calls is joined.</summary>
    public void Add(ReadOnlySpan<byte> littleEndianFloats)
    {
        if (partialBytes > 0)
        {
            var take = Math.Min(sizeof(float) - partialBytes, littleEndianFloats.Length);
            littleEndianFloats[..take].CopyTo(partialSample.AsSpan(partialBytes));
            partialBytes += take;
            littleEndianFloats = littleEndianFloats[take..];
            if (partialBytes < sizeof(float))
            {
                return;
            }

            Add(BinaryPrimitives.ReadSingleLittleEndian(partialSample));
            partialBytes = 0;
        }

        var whole = littleEndianFloats.Length / sizeof(float) * sizeof(float);
        for (var at = 0; at < whole; at += sizeof(float))
        {
            Add(BinaryPrimitives.ReadSingleLittleEndian(littleEndianFloats[at..]));
        }

        littleEndianFloats[whole..].CopyTo(partialSample);
        partialBytes = littleEndianFloats.Length - whole;
    }

    /// <summary>Adds one sample.</summary>
    public void Add(float sample)
    {
        sumOfSquares += (double)sample * sample;
        if (++samplesInFrame == frameSamples)
        {
            CloseFrame();
        }
    }

    /// <summary>The envelope so far; a last partial frame counts as a frame of its own.</summary>
    public LevelEnvelope Build()
    {
        if (samplesInFrame > 0)
        {
            CloseFrame();
        }

        return new LevelEnvelope(FrameDuration, [.. decibels]);
    }

    /// <summary>Reads a whole <c>f32le</c> stream into the envelope.</summary>
    public async Task ReadAsync(Stream samples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await samples.ReadAsync(buffer, cancellationToken)) > 0)
        {
            Add(buffer.AsSpan(0, read));
        }
    }

    private void CloseFrame()
    {
        var meanSquare = sumOfSquares / samplesInFrame;
        decibels.Add(meanSquare <= 1e-12 ? LevelEnvelope.Silent : (float)Math.Max(LevelEnvelope.Silent, 10 * Math.Log10(meanSquare)));
        sumOfSquares = 0;
        samplesInFrame = 0;
    }
}
