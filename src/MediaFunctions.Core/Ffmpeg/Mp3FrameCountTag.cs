using System.Buffers.Binary;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Finds an MP3's frame count tag (Xing, Info or VBRI) in its first frame, behind any ID3v2 tag. With one, ffmpeg takes
/// the stream's duration from it and one frame tells it everything else (<see cref="MediaProbe.FrameCountInHeader"/>);
/// without one, ffmpeg estimates the duration from the bit rate of the frames it reads, and the more it reads the better.
/// </summary>
public static class Mp3FrameCountTag
{
    // The frame header, the longest side information (MPEG-1 stereo), and a Xing tag's id and flags; a VBRI tag's id ends sooner.
    private const int BytesAtFrame = 4 + 32 + 8;

    /// <summary>True when the file starts (after any ID3v2 tag) with an MPEG audio Layer III frame that carries a frame count.</summary>
    /// <param name="read">The file's bytes at an offset: the count asked, or fewer when there are not that many to give.</param>
    public static bool IsIn(Func<long, int, ReadOnlyMemory<byte>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var frameStart = 0L;
        var id3 = read(0, 10).Span;
        if (id3.Length == 10 && id3[..3].SequenceEqual("ID3"u8))
        {
            // The size is synchsafe (seven bits a byte) and leaves out the header and any footer.
            var size = (id3[6] << 21) | (id3[7] << 14) | (id3[8] << 7) | id3[9];
            frameStart = 10 + size + ((id3[5] & 0x10) != 0 ? 10 : 0);
        }

        var frame = read(frameStart, BytesAtFrame).Span;
        if (frame.Length < BytesAtFrame || frame[0] != 0xFF || (frame[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        // Version: 3 MPEG-1, 2 MPEG-2, 0 MPEG-2.5, 1 reserved. Layer: 1 is Layer III.
        var version = (frame[1] >> 3) & 3;
        var layer = (frame[1] >> 1) & 3;
        if (version == 1 || layer != 1)
        {
            return false;
        }

        var mono = frame[3] >> 6 == 3;
        var sideInformation = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        var xing = frame.Slice(4 + sideInformation, 8);
        var hasXingFrames = (xing[..4].SequenceEqual("Xing"u8) || xing[..4].SequenceEqual("Info"u8))
            && (BinaryPrimitives.ReadUInt32BigEndian(xing[4..]) & 1) != 0;
        // A VBRI tag (Fraunhofer's) sits after 32 bytes whatever the mode, and always counts the frames.
        return hasXingFrames || frame.Slice(4 + 32, 4).SequenceEqual("VBRI"u8);
    }
}
