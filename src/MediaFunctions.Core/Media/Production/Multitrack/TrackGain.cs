using System.Buffers.Binary;

namespace MediaFunctions.Core.Media.Production.Multitrack;

/// <summary>
/// A track's gain over time: one linear factor per <see cref="FrameDuration"/>, from the track's start, joined by straight lines
/// when rendered. Past its end the gain stays at its last value.
/// </summary>
/// <param name="Id">The track it is for.</param>
/// <param name="Role">The track's role as decided (never <see cref="TrackRole.Auto"/>).</param>
/// <param name="FrameDuration">How far apart the factors are.</param>
/// <param name="Factors">The linear gain of each frame (1 leaves the track as it is, 0 silences it).</param>
public sealed record TrackGain(string Id, TrackRole Role, TimeSpan FrameDuration, IReadOnlyList<float> Factors)
{
    /// <summary>How many factors a second holds: the rate ffmpeg reads them at.</summary>
    public int FramesPerSecond => (int)Math.Round(TimeSpan.FromSeconds(1) / FrameDuration);

    /// <summary>True when every factor is 1: the track needs no gain stage.</summary>
    public bool IsUnity => Factors.All(factor => factor == 1);

    /// <summary>Reads factors <see cref="WriteAsync"/> wrote (the extra second included, which changes nothing: the gain stays at its last value).</summary>
    public static async Task<TrackGain> ReadAsync(string id, TrackRole role, TimeSpan frameDuration, Stream factors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factors);
        var read = new List<float>();
        var buffer = new byte[16 * 1024];
        var used = 0;
        int count;
        while ((count = await factors.ReadAsync(buffer.AsMemory(used), cancellationToken)) > 0)
        {
            used += count;
            var whole = used / sizeof(float) * sizeof(float);
            for (var at = 0; at < whole; at += sizeof(float))
            {
                read.Add(BinaryPrimitives.ReadSingleLittleEndian(buffer.AsSpan(at)));
            }

            buffer.AsSpan(whole, used - whole).CopyTo(buffer);
            used -= whole;
        }

        return new TrackGain(id, role, frameDuration, read);
    }

    /// <summary>
    /// Writes the factors as raw little-endian floats (ffmpeg's <c>f32le</c>, mono at <see cref="FramesPerSecond"/>), followed by
    /// <paramref name="extraSeconds"/> of the last factor, so the gain outlasts any rounding of the track's length.
    /// </summary>
    public async Task WriteAsync(string path, double extraSeconds = 1, CancellationToken cancellationToken = default)
    {
        var last = Factors.Count > 0 ? Factors[^1] : 1;
        var extra = (int)Math.Ceiling(extraSeconds * FramesPerSecond);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        var buffer = new byte[16 * 1024];
        var used = 0;
        foreach (var factor in Factors.Concat(Enumerable.Repeat(last, extra)))
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer.AsSpan(used), factor);
            used += sizeof(float);
            if (used == buffer.Length)
            {
                await file.WriteAsync(buffer, cancellationToken);
                used = 0;
            }
        }

        await file.WriteAsync(buffer.AsMemory(0, used), cancellationToken);
    }
}
