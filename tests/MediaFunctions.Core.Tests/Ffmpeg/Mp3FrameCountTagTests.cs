using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Ffmpeg;

public sealed class Mp3FrameCountTagTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("mp3-tag-");

    public void Dispose() => folder.Delete(recursive: true);

    [Theory]
    [InlineData("cbr-mono-44k", new[] { "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k" })]
    [InlineData("vbr-stereo-48k", new[] { "-ac", "2", "-ar", "48000", "-c:a", "libmp3lame", "-q:a", "4" })]
    [InlineData("mpeg2-mono-22k", new[] { "-ac", "1", "-ar", "22050", "-c:a", "libmp3lame", "-b:a", "32k" })]
    [InlineData("mpeg2-stereo-16k", new[] { "-ac", "2", "-ar", "16000", "-c:a", "libmp3lame", "-q:a", "6" })]
    [InlineData("no-id3", new[] { "-ac", "2", "-c:a", "libmp3lame", "-q:a", "2", "-id3v2_version", "0" })]
    [InlineData("cover-art", new[] { "-ac", "2", "-c:a", "libmp3lame", "-b:a", "128k", "-cover" })]
    public async Task IsIn_Mp3WithItsFrameCount_TrueAndOnePacketProbesItAsAFullProbeDoes(string name, string[] encoding)
    {
        var path = await EncodeAsync(name, encoding);

        Assert.True(Mp3FrameCountTag.IsIn(FileReader(path)));
        // What the tag lets the relay do: probe from the first frame and get the same answer.
        var full = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: FfmpegTools.Timeout());
        var onePacket = await FfmpegTools.Prober().ProbeAsync(path, MediaProbe.OnePacketAnalysisArguments, FfmpegTools.Timeout());
        Assert.Equal(full.Duration, onePacket.Duration);
        Assert.Equal(Described(full.PrimaryAudioStream!), Described(onePacket.PrimaryAudioStream!));
        Assert.InRange(full.Duration!.Value.TotalSeconds, 29.9, 30.1);
    }

    [Fact]
    public async Task IsIn_VariableBitRateMp3WithoutTag_FalseAsOnePacketWouldMisjudgeItsDuration()
    {
        var path = await EncodeAsync("no-xing", ["-ac", "2", "-c:a", "libmp3lame", "-q:a", "2", "-write_xing", "0"]);

        Assert.False(Mp3FrameCountTag.IsIn(FileReader(path)));
        var onePacket = await FfmpegTools.Prober().ProbeAsync(path, MediaProbe.OnePacketAnalysisArguments, FfmpegTools.Timeout());
        Assert.NotInRange(onePacket.Duration!.Value.TotalSeconds, 29, 31);
    }

    [Theory]
    [InlineData("adts", new[] { "-c:a", "aac", "-f", "adts" })]
    [InlineData("mp2", new[] { "-c:a", "mp2", "-f", "mp2" })]
    [InlineData("wav", new[] { "-c:a", "pcm_s16le", "-f", "wav" })]
    public async Task IsIn_OtherAudio_False(string name, string[] encoding)
    {
        Assert.False(Mp3FrameCountTag.IsIn(FileReader(await EncodeAsync(name, encoding))));
    }

    [Fact]
    public async Task IsIn_OnlyPartOfTheFirstFrameHeld_False()
    {
        var path = await EncodeAsync("cut", ["-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k"]);
        var whole = FileReader(path);

        Assert.False(Mp3FrameCountTag.IsIn((offset, count) => whole(offset, count)[..Math.Min(count, 20)]));
        Assert.False(Mp3FrameCountTag.IsIn((_, _) => ReadOnlyMemory<byte>.Empty));
    }

    private async Task<string> EncodeAsync(string name, string[] encoding)
    {
        var path = Path.Combine(folder.FullName, name + ".mp3");
        List<string> arguments = ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "anoisesrc=color=pink:amplitude=0.3:sample_rate=48000:duration=30"];
        if (encoding.Contains("-cover"))
        {
            // Cover art, as podcasts carry: a tag of a few hundred KB before the first frame.
            arguments.AddRange(["-f", "lavfi", "-i", "nullsrc=size=400x400:duration=1,geq=random(1)*255:128:128", "-map", "0:a", "-map", "1:v",
                "-c:v", "png", "-frames:v", "1", "-disposition:v", "attached_pic"]);
        }

        arguments.AddRange(encoding.Where(argument => argument != "-cover"));
        await FfmpegTools.SystemRunner().RunAsync([.. arguments, path], cancellationToken: FfmpegTools.Timeout());
        return path;
    }

    private static (string?, int?, int?, long?, TimeSpan?) Described(MediaStream stream) =>
        (stream.CodecName, stream.SampleRate, stream.Channels, stream.BitRate, stream.Duration);

    private static Func<long, int, ReadOnlyMemory<byte>> FileReader(string path) => (offset, count) =>
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[count];
        file.Position = offset;
        return buffer.AsMemory(0, file.ReadAtLeast(buffer, count, throwOnEndOfStream: false));
    };
}
