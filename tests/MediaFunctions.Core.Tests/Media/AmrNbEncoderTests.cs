using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media;

public class AmrNbEncoderTests
{
    [Fact]
    public void IsAvailable_WithLibopencoreAmrnbInstalled_IsTrue()
    {
        Assert.True(AmrNbEncoder.IsAvailable, "install the Debian package libopencore-amrnb0");
    }

    [Fact]
    public async Task EncodeAsync_OneSecondOfSilence_WritesTheHeaderAndFiftyFrames()
    {
        using var pcm = new MemoryStream(new byte[AmrNbEncoder.SampleRate * 2]);
        using var amr = new MemoryStream();

        await new AmrNbEncoder().EncodeAsync(pcm, amr, AmrNbMode.Mr122, FfmpegTools.Timeout());

        var bytes = amr.ToArray();
        Assert.Equal("#!AMR\n"u8.ToArray(), bytes[..6]);
        // 12.2 kbit/s frames are 32 bytes each (a header byte and 244 bits), 50 per second.
        Assert.Equal(6 + (50 * 32), bytes.Length);
        Assert.Equal(0x3C, bytes[6]);
    }

    [Fact]
    public async Task EncodeAsync_PartialLastFrame_IsPaddedNotDropped()
    {
        using var pcm = new MemoryStream(new byte[321]);
        using var amr = new MemoryStream();

        await new AmrNbEncoder().EncodeAsync(pcm, amr, AmrNbMode.Mr122, FfmpegTools.Timeout());

        Assert.Equal(6 + (2 * 32), amr.Length);
    }

    [Fact]
    public async Task EncodeAsync_LowerMode_WritesSmallerFrames()
    {
        using var pcm = new MemoryStream(new byte[AmrNbEncoder.SampleRate * 2]);
        using var amr = new MemoryStream();

        await new AmrNbEncoder().EncodeAsync(pcm, amr, AmrNbMode.Mr475, FfmpegTools.Timeout());

        // 4.75 kbit/s: 95 bits + header = 13 bytes a frame.
        Assert.Equal(6 + (50 * 13), amr.Length);
    }
}
