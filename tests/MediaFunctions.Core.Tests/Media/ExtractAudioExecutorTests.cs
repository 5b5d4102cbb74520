using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Tests.Media.Fixtures;
using MediaFunctions.Testing.Media;

namespace MediaFunctions.Core.Tests.Media;

[Collection(GeneratedMediaCollection.Name)]
public class ExtractAudioExecutorTests(GeneratedMedia media)
{
    private const double Tolerance = 0.05;

    private static readonly ExtractAudioExecutor Executor = new(FfmpegTools.Runner(), new AmrNbEncoder());

    /// <summary>The format name ffprobe reports for each kind of file we write.</summary>
    private static readonly Dictionary<AudioFormat, string> ProbedFormatNames = new()
    {
        [AudioFormat.Mp3] = "mp3",
        [AudioFormat.Wav] = "wav",
        [AudioFormat.Aac] = "aac",
        [AudioFormat.Ogg] = "ogg",
        [AudioFormat.Flac] = "flac",
        [AudioFormat.Wma] = "asf",
        [AudioFormat.Ac3] = "ac3",
        [AudioFormat.Amr] = "amr",
    };


    private async Task<(ExtractAudioPlan Plan, IReadOnlyList<ExtractedAudioFile> Files)> ExtractAsync(
        string input, ExtractAudioRequest request, IProgress<FfmpegProgress>? progress, CancellationToken cancellationToken)
    {
        var folder = media.NewOutputFolder();
        var probe = await FfmpegTools.Prober().ProbeAsync(input, cancellationToken: cancellationToken);
        var paths = request.Formats.ToDictionary(format => format, format => Path.Combine(folder, AudioFormatCatalog.Get(format).FileName("audio")));
        var plan = ExtractAudioPlanner.Plan(request, probe, input, paths);
        return (plan, await Executor.ExecuteAsync(plan, progress, cancellationToken: cancellationToken));
    }

    private static async Task AssertIsAsync(ExtractedAudioFile file, CancellationToken cancellationToken)
    {
        var profile = AudioFormatCatalog.Get(file.Format);
        var probe = await FfmpegTools.Prober().ProbeAsync(file.Path, cancellationToken: cancellationToken);
        Assert.Contains(ProbedFormatNames[file.Format], probe.FormatNames);
        var audio = Assert.Single(probe.Streams);
        Assert.Equal(profile.Codec, audio.CodecName);
        Assert.Equal(profile.MimeType, file.MimeType);
        Assert.Equal(new FileInfo(file.Path).Length, file.Length);
        if (profile.SampleRate is { } rate)
        {
            Assert.Equal((rate, 1), (audio.SampleRate, audio.Channels));
        }
    }

    [Theory]
    [InlineData(AudioFormat.Mp3)]
    [InlineData(AudioFormat.Wav)]
    [InlineData(AudioFormat.Aac)]
    [InlineData(AudioFormat.Ogg)]
    [InlineData(AudioFormat.Flac)]
    [InlineData(AudioFormat.Wma)]
    [InlineData(AudioFormat.Ac3)]
    [InlineData(AudioFormat.Amr)]
    public async Task ExecuteAsync_ClipFromMp4_WritesTheFormatCutWithin50ms(AudioFormat format)
    {
        var token = FfmpegTools.Timeout();

        var (_, files) = await ExtractAsync(media.Mp4, new ExtractAudioRequest { StartSeconds = 1, DurationSeconds = 2, Formats = [format] }, null, token);

        var file = Assert.Single(files);
        await AssertIsAsync(file, token);
        var decoded = await DecodedAudio.MeasureAsync(file.Path, token);
        Assert.InRange(decoded.DurationSeconds, 2 - Tolerance, 2 + Tolerance);
        Assert.InRange(decoded.ToneOnsetSeconds, GeneratedMedia.ToneStartSeconds - 1 - Tolerance, GeneratedMedia.ToneStartSeconds - 1 + Tolerance);
    }

    [Theory]
    [InlineData("mp4", AudioFormat.Aac, true)]
    [InlineData("mp4", AudioFormat.Aac, false)]
    [InlineData("mkv", AudioFormat.Ac3, true)]
    [InlineData("mkv", AudioFormat.Ac3, false)]
    [InlineData("mkv-flac", AudioFormat.Flac, false)]
    [InlineData("webm", AudioFormat.Ogg, true)]
    [InlineData("webm", AudioFormat.Ogg, false)]
    [InlineData("avi", AudioFormat.Mp3, true)]
    [InlineData("flv", AudioFormat.Mp3, false)]
    [InlineData("mov", AudioFormat.Wav, false)]
    [InlineData("3gp", AudioFormat.Amr, true)]
    [InlineData("3gp", AudioFormat.Amr, false)]
    public async Task ExecuteAsync_CodecTheFormatTakes_CopiesWithoutReencodingAndStaysWithin50ms(string container, AudioFormat format, bool clip)
    {
        var token = FfmpegTools.Timeout();
        var request = clip
            ? new ExtractAudioRequest { StartSeconds = 1, DurationSeconds = 2, Formats = [format] }
            : new ExtractAudioRequest { FullAudio = true, Formats = [format] };

        var (plan, files) = await ExtractAsync(media.Videos[container], request, null, token);

        Assert.True(Assert.Single(plan.Outputs).StreamCopy);
        Assert.Null(plan.AmrNbEncode);
        var file = Assert.Single(files);
        await AssertIsAsync(file, token);
        var decoded = await DecodedAudio.MeasureAsync(file.Path, token);
        var (length, onset) = clip ? (2.0, GeneratedMedia.ToneStartSeconds - 1) : (GeneratedMedia.LengthSeconds, GeneratedMedia.ToneStartSeconds);
        Assert.InRange(decoded.DurationSeconds, length - Tolerance, length + Tolerance);
        Assert.InRange(decoded.ToneOnsetSeconds, onset - Tolerance, onset + Tolerance);
    }

    [Fact]
    public async Task ExecuteAsync_AacToAac_KeepsEveryAudioPacketByteForByte()
    {
        var token = FfmpegTools.Timeout();

        var (_, files) = await ExtractAsync(media.Mp4, new ExtractAudioRequest { FullAudio = true, Formats = [AudioFormat.Aac] }, null, token);

        // ADTS puts a 7-byte header on each packet; without it, the AAC payloads must be the input's.
        Assert.Equal(await AudioPackets.HashAsync(media.Mp4, [], token), await AudioPackets.HashAsync(files[0].Path, ["-bsf:a", "aac_adtstoasc"], token));
    }

    [Theory]
    [InlineData("webm", AudioFormat.Ogg)]
    [InlineData("3gp", AudioFormat.Amr)]
    [InlineData("mkv-96k-5.1", null)]
    public async Task ExecuteAsync_AllEightFormats_OneRunWritesEveryFileAndReportsProgress(string container, AudioFormat? copied)
    {
        var token = FfmpegTools.Timeout();
        var recorder = new ProgressRecorder();
        AudioFormat[] all = [.. AudioFormatCatalog.All.Select(profile => profile.Format)];

        var (plan, files) = await ExtractAsync(media.Videos[container], new ExtractAudioRequest { StartSeconds = 0.5, DurationSeconds = 3, Formats = all }, recorder, token);

        Assert.Equal(all, files.Select(file => file.Format));
        foreach (var file in files)
        {
            await AssertIsAsync(file, token);
            var decoded = await DecodedAudio.MeasureAsync(file.Path, token);
            Assert.InRange(decoded.DurationSeconds, 3 - Tolerance, 3 + Tolerance);
        }

        Assert.Equal(copied is { } format ? [format] : [], files.Where(file => file.StreamCopied).Select(file => file.Format));
        Assert.Equal(copied != AudioFormat.Amr, plan.AmrNbEncode is not null);
        var last = recorder.Reports.Last();
        Assert.True(last.IsComplete);
        Assert.Equal(1, last.Fraction);
        Assert.All(recorder.Reports, report => Assert.InRange(report.Fraction!.Value, 0, 1));
    }

    [Fact]
    public async Task Plan_VideoWithoutAudio_FailsWithNoAudioStream()
    {
        var probe = await FfmpegTools.Prober().ProbeAsync(media.VideoOnly, cancellationToken: FfmpegTools.Timeout());

        var error = Assert.Throws<MediaPlanException>(() =>
            ExtractAudioPlanner.Plan(new ExtractAudioRequest(), probe, media.VideoOnly, new Dictionary<AudioFormat, string> { [AudioFormat.Mp3] = "/tmp/x.mp3" }));

        Assert.Equal("no_audio_stream", error.Code);
    }

    [Fact]
    public async Task Plan_StartPastTheEndOfARealFile_FailsWithStartPastEnd()
    {
        var probe = await FfmpegTools.Prober().ProbeAsync(media.Avi, cancellationToken: FfmpegTools.Timeout());

        var error = Assert.Throws<MediaPlanException>(() =>
            ExtractAudioPlanner.Plan(new ExtractAudioRequest { StartSeconds = 6 }, probe, media.Avi, new Dictionary<AudioFormat, string> { [AudioFormat.Mp3] = "/tmp/x.mp3" }));

        Assert.Equal("start_past_end", error.Code);
    }
}
