using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;

namespace MediaFunctions.Core.Tests.Media;

public class ExtractAudioPlannerTests
{
    private const string Input = "/in/video.mp4";

    private static MediaProbe Probe(string codec, string? profile = null, int sampleRate = 44100, int channels = 2, double seconds = 60) => new()
    {
        FormatNames = ["mov", "mp4"],
        Duration = TimeSpan.FromSeconds(seconds),
        Streams =
        [
            new MediaStream { Index = 0, Kind = MediaStreamKind.Video, CodecName = "h264", Width = 640, Height = 360, Disposition = ["default"] },
            new MediaStream { Index = 1, Kind = MediaStreamKind.Audio, CodecName = codec, Profile = profile, SampleRate = sampleRate, Channels = channels, Disposition = ["default"] },
        ],
    };

    private static Dictionary<AudioFormat, string> Paths(params AudioFormat[] formats) =>
        formats.ToDictionary(format => format, format => "/out/" + AudioFormatCatalog.Get(format).FileName("audio"));

    private static ExtractAudioPlan Plan(MediaProbe probe, ExtractAudioRequest request) =>
        ExtractAudioPlanner.Plan(request, probe, Input, Paths([.. request.Formats]));

    private static ExtractAudioRequest Clip(AudioFormat format) => new() { StartSeconds = 10, DurationSeconds = 4, Formats = [format] };

    private static ExtractAudioRequest Full(AudioFormat format) => new() { FullAudio = true, Formats = [format] };

    /// <summary>The arguments of the one output group that writes <paramref name="path"/>: from its -map to the path.</summary>
    private static List<string> OutputGroup(ExtractAudioPlan plan, string path)
    {
        var arguments = plan.Arguments.ToList();
        var end = arguments.IndexOf(path);
        var start = arguments.LastIndexOf("-map", end);
        return arguments[start..(end + 1)];
    }

    public static TheoryData<string, string?, int, int, AudioFormat, bool, bool> CopyCases => new()
    {
        // codec, profile, sample rate, channels, format, clipped, copies
        { "aac", "LC", 44100, 2, AudioFormat.Aac, false, true },
        { "aac", "LC", 44100, 2, AudioFormat.Aac, true, true },
        { "aac", "HE-AAC", 44100, 2, AudioFormat.Aac, true, true },
        { "aac", "LC", 8000, 1, AudioFormat.Aac, false, true },
        { "aac", "LC", 8000, 1, AudioFormat.Aac, true, false },   // 128 ms packets: a copied cut could miss by more than 50 ms
        { "aac", "LD", 48000, 2, AudioFormat.Aac, false, false }, // ADTS cannot carry low-delay AAC
        { "aac", "LC", 44100, 2, AudioFormat.Mp3, false, false },
        { "aac", "LC", 44100, 2, AudioFormat.Ogg, false, false },
        { "aac", "LC", 44100, 2, AudioFormat.Amr, false, false },
        { "mp3", null, 44100, 2, AudioFormat.Mp3, true, true },
        { "mp3", null, 44100, 2, AudioFormat.Wav, false, false },
        { "mp3", null, 8000, 1, AudioFormat.Mp3, true, false },
        { "flac", null, 44100, 2, AudioFormat.Flac, false, true },
        { "flac", null, 44100, 2, AudioFormat.Flac, true, false }, // 4096-sample blocks are 93 ms
        { "ac3", null, 48000, 6, AudioFormat.Ac3, true, true },
        { "eac3", null, 48000, 6, AudioFormat.Ac3, false, false },
        { "vorbis", null, 44100, 2, AudioFormat.Ogg, true, true },
        { "vorbis", null, 22050, 2, AudioFormat.Ogg, true, false },
        { "opus", null, 48000, 2, AudioFormat.Ogg, false, false }, // .ogg means Vorbis
        { "pcm_s16le", null, 44100, 2, AudioFormat.Wav, false, true },
        { "pcm_s16le", null, 44100, 2, AudioFormat.Wav, true, false }, // PCM packets can be any size; re-encoding PCM is lossless
        { "pcm_s24le", null, 48000, 2, AudioFormat.Wav, false, false },
        { "wmav2", null, 44100, 2, AudioFormat.Wma, false, true },
        { "wmav2", null, 44100, 2, AudioFormat.Mp3, false, false },
        { "amr_nb", null, 8000, 1, AudioFormat.Amr, true, true },
        { "amr_wb", null, 16000, 1, AudioFormat.Amr, false, false },
    };

    [Theory]
    [MemberData(nameof(CopyCases))]
    public void Plan_InputCodecAndFormat_CopiesOnlyWhenTheContainerTakesTheCodecAndTheCutStaysWithin50ms(
        string codec, string? profile, int sampleRate, int channels, AudioFormat format, bool clipped, bool copies)
    {
        var plan = Plan(Probe(codec, profile, sampleRate, channels), clipped ? Clip(format) : Full(format));

        var output = Assert.Single(plan.Outputs);
        Assert.Equal(copies, output.StreamCopy);
        var group = OutputGroup(plan, format == AudioFormat.Amr && !copies ? "pipe:1" : output.Path);
        Assert.Equal(["-map", "0:1"], group[..2]);
        Assert.Equal(copies, group.Contains("copy"));
        Assert.Equal(copies && clipped, group.Contains("-copypriorss"));
    }

    [Theory]
    [InlineData(AudioFormat.Mp3, "libmp3lame", "mp3")]
    [InlineData(AudioFormat.Wav, "pcm_s16le", "wav")]
    [InlineData(AudioFormat.Aac, "aac", "adts")]
    [InlineData(AudioFormat.Ogg, "libvorbis", "ogg")]
    [InlineData(AudioFormat.Flac, "flac", "flac")]
    [InlineData(AudioFormat.Wma, "wmav2", "asf")]
    [InlineData(AudioFormat.Ac3, "ac3", "ac3")]
    public void Plan_ReencodedFormat_UsesTheFormatsEncoderAndMuxer(AudioFormat format, string encoder, string muxer)
    {
        var plan = Plan(Probe("opus", sampleRate: 48000), Clip(format));

        var group = OutputGroup(plan, plan.Outputs[0].Path);
        Assert.Equal(encoder, group[group.IndexOf("-c:a") + 1]);
        Assert.Equal(muxer, group[group.IndexOf("-f") + 1]);
        Assert.Null(plan.AmrNbEncode);
        Assert.Equal("pipe:1", plan.Arguments[plan.Arguments.ToList().IndexOf("-progress") + 1]);
    }

    [Fact]
    public void Plan_AmrFromAnotherCodec_DecodesTo8kMonoPcmOnStdoutForTheAmrNbEncoder()
    {
        var plan = Plan(Probe("aac", "LC"), Clip(AudioFormat.Amr));

        Assert.Equal(["-map", "0:1", "-c:a", "pcm_s16le", "-ar", "8000", "-ac", "1", "-f", "s16le", "pipe:1"], OutputGroup(plan, "pipe:1"));
        Assert.Equal(new AmrNbEncodeStep("/out/audio.amr", AmrNbMode.Mr122), plan.AmrNbEncode);
        Assert.DoesNotContain("/out/audio.amr", plan.Arguments);
        // stdout carries the PCM, so progress moves to stderr.
        Assert.Equal("pipe:2", plan.Arguments[plan.Arguments.ToList().IndexOf("-progress") + 1]);
    }

    [Theory]
    [InlineData(AudioFormat.Mp3, 6, "2")]
    [InlineData(AudioFormat.Wma, 6, "2")]
    [InlineData(AudioFormat.Ac3, 8, "6")]
    public void Plan_MoreChannelsThanTheCodecCarries_Downmixes(AudioFormat format, int channels, string expected)
    {
        var plan = Plan(Probe("opus", sampleRate: 48000, channels: channels), Full(format));

        var group = OutputGroup(plan, plan.Outputs[0].Path);
        Assert.Equal(expected, group[group.IndexOf("-ac") + 1]);
    }

    [Theory]
    [InlineData(AudioFormat.Wma, 96000, "48000")]
    [InlineData(AudioFormat.Mp3, 96000, "48000")]
    [InlineData(AudioFormat.Ogg, 96000, null)]
    [InlineData(AudioFormat.Wma, 44100, null)]
    [InlineData(AudioFormat.Wma, 8000, "44100")]
    [InlineData(AudioFormat.Aac, 16000, "44100")]
    [InlineData(AudioFormat.Aac, 48000, null)]
    [InlineData(AudioFormat.Mp3, 8000, null)]
    public void Plan_SampleRateOutsideWhatTheEncoderTakesWell_Resamples(AudioFormat format, int sampleRate, string? expected)
    {
        var plan = Plan(Probe("pcm_s24le", sampleRate: sampleRate), Full(format));

        var group = OutputGroup(plan, plan.Outputs[0].Path);
        Assert.Equal(expected, group.Contains("-ar") ? group[group.IndexOf("-ar") + 1] : null);
    }

    [Fact]
    public void Plan_Clip_SeeksAndLimitsTheInputBeforeItIsOpened()
    {
        var plan = Plan(Probe("aac", "LC"), new ExtractAudioRequest { StartSeconds = 1.5, DurationSeconds = 2.25, Formats = [AudioFormat.Mp3] });

        var arguments = plan.Arguments.ToList();
        var input = arguments.IndexOf("-i");
        Assert.Equal(["-ss", "1.5", "-t", "2.25", "-i", Input], arguments[(input - 4)..(input + 2)]);
        Assert.Equal(TimeSpan.FromSeconds(2.25), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_FullAudioFromTheStart_HasNoCut()
    {
        var plan = Plan(Probe("aac", "LC", seconds: 60), new ExtractAudioRequest { FullAudio = true, DurationSeconds = 2, Formats = [AudioFormat.Mp3] });

        Assert.DoesNotContain("-ss", plan.Arguments);
        Assert.DoesNotContain("-t", plan.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(60), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_FullAudioFromAStart_SeeksButDoesNotLimit()
    {
        var plan = Plan(Probe("aac", "LC", seconds: 60), new ExtractAudioRequest { FullAudio = true, StartSeconds = 45, Formats = [AudioFormat.Mp3] });

        Assert.Contains("-ss", plan.Arguments);
        Assert.DoesNotContain("-t", plan.Arguments);
        Assert.Equal(TimeSpan.FromSeconds(15), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_ClipRunningPastTheEnd_StopsAtTheEndAndCopiesAsForFullAudio()
    {
        var plan = Plan(Probe("flac", seconds: 60), new ExtractAudioRequest { StartSeconds = 0, DurationSeconds = 90, Formats = [AudioFormat.Flac] });

        Assert.DoesNotContain("-t", plan.Arguments);
        Assert.True(plan.Outputs[0].StreamCopy);
        Assert.Equal(TimeSpan.FromSeconds(60), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_AllEightFormats_OneInvocationOneInputOneGroupPerFile()
    {
        AudioFormat[] all = [.. AudioFormatCatalog.All.Select(profile => profile.Format)];
        var plan = Plan(Probe("aac", "LC"), new ExtractAudioRequest { StartSeconds = 3, DurationSeconds = 5, Formats = all });

        Assert.Single(plan.Arguments, argument => argument == "-i");
        Assert.Equal(8, plan.Arguments.Count(argument => argument == "-map"));
        Assert.Equal(all, plan.Outputs.Select(output => output.Format));
        foreach (var output in plan.Outputs.Where(output => output.Format != AudioFormat.Amr))
        {
            Assert.Single(plan.Arguments, argument => argument == output.Path);
        }

        Assert.Equal([AudioFormat.Aac], plan.Outputs.Where(output => output.StreamCopy).Select(output => output.Format));
        Assert.NotNull(plan.AmrNbEncode);
    }

    [Fact]
    public void Plan_SeveralAudioStreams_MapsTheDefaultOne()
    {
        var probe = Probe("aac", "LC") with
        {
            Streams =
            [
                new MediaStream { Index = 0, Kind = MediaStreamKind.Audio, CodecName = "aac", SampleRate = 44100, Channels = 2 },
                new MediaStream { Index = 1, Kind = MediaStreamKind.Video, CodecName = "h264" },
                new MediaStream { Index = 2, Kind = MediaStreamKind.Audio, CodecName = "ac3", SampleRate = 48000, Channels = 6, Disposition = ["default"] },
            ],
        };

        var plan = Plan(probe, Clip(AudioFormat.Ac3));

        Assert.Equal(["-map", "0:2"], OutputGroup(plan, plan.Outputs[0].Path)[..2]);
        Assert.True(plan.Outputs[0].StreamCopy);
    }

    [Fact]
    public void Plan_NoAudioStream_FailsWithNoAudioStream()
    {
        var probe = Probe("aac") with { Streams = [new MediaStream { Index = 0, Kind = MediaStreamKind.Video, CodecName = "h264" }] };

        var error = Assert.Throws<MediaPlanException>(() => Plan(probe, Clip(AudioFormat.Mp3)));

        Assert.Equal("no_audio_stream", error.Code);
        Assert.Equal("The video has no audio stream.", error.Message);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(61.5)]
    public void Plan_StartAtOrPastTheEnd_FailsWithStartPastEnd(double start)
    {
        var error = Assert.Throws<MediaPlanException>(() =>
            Plan(Probe("aac", seconds: 60), new ExtractAudioRequest { StartSeconds = start, Formats = [AudioFormat.Mp3] }));

        Assert.Equal("start_past_end", error.Code);
        Assert.Contains("(60 s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_InvalidRequest_Throws()
    {
        Assert.Throws<ArgumentException>(() => Plan(Probe("aac"), new ExtractAudioRequest { DurationSeconds = 0, Formats = [AudioFormat.Mp3] }));
    }

    [Fact]
    public void Plan_FormatWithoutOutputPath_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            ExtractAudioPlanner.Plan(Clip(AudioFormat.Ogg), Probe("aac"), Input, Paths(AudioFormat.Mp3)));
    }

    [Theory]
    [InlineData("mp3", AudioFormat.Mp3, "libmp3lame")] // would otherwise be copied
    [InlineData("aac", AudioFormat.Mp3, "libmp3lame")]
    [InlineData("aac", AudioFormat.Ogg, "libvorbis")]
    public void Plan_BitrateRequested_EncodesAtThatRate(string codec, AudioFormat format, string encoder)
    {
        var request = Full(format) with { Bitrate = AudioBitrate.FromKilobits(320) };

        var plan = Plan(Probe(codec), request);

        Assert.False(Assert.Single(plan.Outputs).StreamCopy);
        var group = OutputGroup(plan, Paths(format)[format]);
        Assert.Equal(["-c:a", encoder, "-b:a", "320k"], group[2..6]);
    }

    [Fact]
    public void Plan_BitrateRequestedForLosslessFormats_KeepsTheirOwnSettings()
    {
        var request = new ExtractAudioRequest { FullAudio = true, Formats = [AudioFormat.Flac, AudioFormat.Wav], Bitrate = AudioBitrate.FromKilobits(128) };

        var plan = Plan(Probe("flac"), request);

        Assert.True(plan.Outputs[0].StreamCopy);
        Assert.DoesNotContain("-b:a", plan.Arguments);
    }
}
