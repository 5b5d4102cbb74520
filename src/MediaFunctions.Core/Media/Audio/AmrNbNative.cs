using System.Runtime.InteropServices;

namespace MediaFunctions.Core.Media.Audio;

/// <summary>The encoder half of opencore-amrnb (<c>interf_enc.h</c>), from Debian's <c>libopencore-amrnb0</c>.</summary>
internal static unsafe partial class AmrNbNative
{
    public const string LibraryName = "libopencore-amrnb.so.0";

    /// <summary><c>void* Encoder_Interface_init(int dtx)</c></summary>
    [LibraryImport(LibraryName, EntryPoint = "Encoder_Interface_init")]
    public static partial nint Init(int dtx);

    /// <summary><c>void Encoder_Interface_exit(void* state)</c></summary>
    [LibraryImport(LibraryName, EntryPoint = "Encoder_Interface_exit")]
    public static partial void Exit(nint state);

    /// <summary>
    /// <c>int Encoder_Interface_Encode(void* state, enum Mode mode, const short* speech, unsigned char* out, int forceSpeech)</c>:
    /// encodes 160 samples into one storage-format frame (header byte included) and returns its length.
    /// </summary>
    [LibraryImport(LibraryName, EntryPoint = "Encoder_Interface_Encode")]
    public static partial int Encode(nint state, int mode, short* speech, byte* output, int forceSpeech);
}
