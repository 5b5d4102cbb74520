using System.Runtime.InteropServices;

namespace MediaFunctions.Core.Media.Audio;

/// <summary>
/// Encodes 8 kHz mono signed 16-bit little-endian PCM into an AMR-NB file (<c>#!AMR\n</c> + frames) with
/// opencore-amrnb, streaming 20 ms frame by frame. ffmpeg decodes and resamples; this does what Debian's
/// ffmpeg cannot.
/// </summary>
public sealed class AmrNbEncoder
{
    public const int SampleRate = 8000;

    /// <summary>Samples in one 20 ms frame.</summary>
    public const int FrameSamples = 160;

    private const int FrameBytes = FrameSamples * sizeof(short);

    /// <summary>The longest frame opencore writes (12.2 kbit/s: 1 header byte + 31).</summary>
    private const int MaxEncodedFrameBytes = 32;

    private static readonly byte[] FileHeader = "#!AMR\n"u8.ToArray();

    // Probed the way the LibraryImport calls will be: the app's folder (a bundled copy), then the system's.
    private static readonly Lazy<bool> LibraryLoads = new(() =>
        NativeLibrary.TryLoad(AmrNbNative.LibraryName, typeof(AmrNbEncoder).Assembly, searchPath: null, out _));

    /// <summary>True when the native library can be loaded.</summary>
    public static bool IsAvailable => LibraryLoads.Value;

    /// <summary>Fails early, with what to install, when the native library is missing.</summary>
    /// <exception cref="DllNotFoundException">libopencore-amrnb.so.0 cannot be loaded.</exception>
    public static void EnsureAvailable()
    {
        if (!IsAvailable)
        {
            throw new DllNotFoundException(
                $"AMR output needs the native library {AmrNbNative.LibraryName}; install the Debian package libopencore-amrnb0.");
        }
    }

    /// <summary>
    /// Reads PCM from <paramref name="pcm"/> to its end and writes the AMR file to <paramref name="amr"/>.
    /// A last partial frame is padded with silence (at most 20 ms).
    /// </summary>
    public async Task EncodeAsync(Stream pcm, Stream amr, AmrNbMode mode = AmrNbMode.Mr122, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pcm);
        ArgumentNullException.ThrowIfNull(amr);
        EnsureAvailable();

        var state = AmrNbNative.Init(dtx: 0);
        if (state == 0)
        {
            throw new InvalidOperationException("The AMR-NB encoder could not be initialised.");
        }

        try
        {
            var frame = new byte[FrameBytes];
            var encoded = new byte[MaxEncodedFrameBytes];
            await amr.WriteAsync(FileHeader, cancellationToken);
            while (true)
            {
                var read = await pcm.ReadAtLeastAsync(frame, FrameBytes, throwOnEndOfStream: false, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                Array.Clear(frame, read, FrameBytes - read);
                var length = EncodeFrame(state, mode, frame, encoded);
                await amr.WriteAsync(encoded.AsMemory(0, length), cancellationToken);
                if (read < FrameBytes)
                {
                    break;
                }
            }

            await amr.FlushAsync(cancellationToken);
        }
        finally
        {
            AmrNbNative.Exit(state);
        }
    }

    private static unsafe int EncodeFrame(nint state, AmrNbMode mode, byte[] frame, byte[] encoded)
    {
        // s16le is the host's byte order on every platform .NET runs this on (x64, arm64).
        var speech = MemoryMarshal.Cast<byte, short>(frame.AsSpan());
        int length;
        fixed (short* speechPointer = speech)
        fixed (byte* output = encoded)
        {
            length = AmrNbNative.Encode(state, (int)mode, speechPointer, output, forceSpeech: 0);
        }

        return length > 0 && length <= encoded.Length
            ? length
            : throw new InvalidOperationException($"The AMR-NB encoder returned {length} bytes for a frame.");
    }
}
