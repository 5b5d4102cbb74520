using System.Buffers.Binary;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// Reads a 16 kHz mono 16-bit PCM WAV file window by window as floats, so a long production is recognised without
/// holding its audio in memory.
/// </summary>
internal sealed class PcmWavReader : IDisposable
{
    public const int SampleRate = 16000;

    private readonly Stream _stream;
    private long _remaining;

    private PcmWavReader(Stream stream, long dataLength)
    {
        _stream = stream;
        _remaining = dataLength;
    }

    /// <summary>Opens <paramref name="path"/> and walks its RIFF chunks to the samples.</summary>
    /// <exception cref="SpeechRecognitionException">The file is not 16 kHz mono 16-bit PCM WAV.</exception>
    public static PcmWavReader Open(string path)
    {
        var stream = File.OpenRead(path);
        try
        {
            Span<byte> header = stackalloc byte[12];
            stream.ReadExactly(header);
            if (!header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
            {
                throw SpeechRecognitionException.UnreadableAudio(path, "no RIFF/WAVE header");
            }

            var formatSeen = false;
            Span<byte> chunk = stackalloc byte[8];
            while (stream.Read(chunk) == 8)
            {
                var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
                if (chunk[..4].SequenceEqual("fmt "u8))
                {
                    var format = new byte[size];
                    stream.ReadExactly(format);
                    var (tag, channels, rate, bits) = (BinaryPrimitives.ReadUInt16LittleEndian(format), BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(2)),
                        BinaryPrimitives.ReadUInt32LittleEndian(format.AsSpan(4)), BinaryPrimitives.ReadUInt16LittleEndian(format.AsSpan(14)));
                    if (tag is not (1 or 0xFFFE) || channels != 1 || rate != SampleRate || bits != 16)
                    {
                        throw SpeechRecognitionException.UnreadableAudio(path, $"format {tag}, {channels} channel(s), {rate} Hz, {bits} bits");
                    }

                    formatSeen = true;
                }
                else if (chunk[..4].SequenceEqual("data"u8) && formatSeen)
                {
                    // ffmpeg writing to a pipe leaves the size unset (0xFFFFFFFF): read to the end then.
                    return new PcmWavReader(stream, size == uint.MaxValue ? long.MaxValue : size);
                }
                else
                {
                    stream.Seek(size + (size % 2), SeekOrigin.Current);
                }
            }

            throw SpeechRecognitionException.UnreadableAudio(path, "no format and data chunks");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="window"/>'s length in samples; returns how many were read, 0 at the end.</summary>
    public async Task<int> ReadAsync(float[] window, CancellationToken cancellationToken)
    {
        var bytes = new byte[(int)Math.Min(window.Length * 2L, _remaining)];
        var read = await _stream.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, cancellationToken);
        _remaining -= read;
        var samples = read / 2;
        for (var i = 0; i < samples; i++)
        {
            window[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)) / 32768f;
        }

        return samples;
    }

    public void Dispose() => _stream.Dispose();
}
