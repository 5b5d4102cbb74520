using MediaFunctions.Core.Media.AudioTrack;
using MediaFunctions.Core.Tests.Media.Fixtures;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media;

[Collection(GeneratedMediaCollection.Name)]
public class AudioTrackSplitterTests(GeneratedMedia media)
{
    private static readonly AudioTrackSplitter Splitter = new(FfmpegTools.Runner());

    // Fed in pieces the size an upload arrives in, as JobFiles does while it stages one.
    private async Task<(bool Split, string Path)> SplitAsync(string input, CancellationToken cancellationToken)
    {
        var output = Path.Combine(media.NewOutputFolder(), "audio.mp4");
        var split = Splitter.Start(output, cancellationToken);
        await using var file = File.OpenRead(input);
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await file.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await split.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return (await split.CompleteAsync(), output);
    }

    [Theory]
    [InlineData("mp4")]
    [InlineData("mkv")]
    [InlineData("avi")]
    [InlineData("flv")]
    [InlineData("webm")]
    public async Task Split_StreamableMedia_TheSameAudioPacketsPlayingTheSame(string container)
    {
        var token = FfmpegTools.Timeout();
        var input = media.Videos[container];

        var (split, path) = await SplitAsync(input, token);

        Assert.True(split);
        Assert.Equal(await AudioPackets.HashAsync(input, [], token), await AudioPackets.HashAsync(path, [], token));
        // Same length and same tone onset to the sample: the encoder delay (AAC's edit list) came along.
        Assert.Equal(await DecodedAudio.MeasureAsync(input, token), await DecodedAudio.MeasureAsync(path, token));
    }

    [Theory]
    [InlineData("mp4-index-at-end")] // ffmpeg would have to seek back from the index to the media
    [InlineData("3gp")] // likewise
    [InlineData("mov")] // PCM, which MP4 cannot hold
    public async Task Split_MediaThatCannotBeSplitOnTheWay_NoSplit(string container)
    {
        var (split, _) = await SplitAsync(media.Videos[container], FfmpegTools.Timeout());

        Assert.False(split);
    }

    [Fact]
    public async Task Split_NoAudioOrNoMedia_NoSplit()
    {
        var token = FfmpegTools.Timeout();

        Assert.False((await SplitAsync(media.VideoOnly, token)).Split);
        Assert.False((await SplitAsync(media.TextFile, token)).Split);
    }

    [Fact]
    public async Task Split_UploadBreaksOff_NoSplit()
    {
        var token = FfmpegTools.Timeout();
        var split = Splitter.Start(Path.Combine(media.NewOutputFolder(), "audio.mp4"), token);
        var bytes = await File.ReadAllBytesAsync(media.Mp4, token);

        await split.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), token);

        Assert.False(await split.CompleteAsync(new IOException("The client went away.")));
    }
}
