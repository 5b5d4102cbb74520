using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Download;

namespace MediaFunctions.Core.Tests.Media.Download;

public sealed class DownloadPlannerTests
{
    private static readonly MediaProbe H264Aac = Probe(TimeSpan.FromSeconds(60), Video("h264", 1920, 1080), Audio("aac"));

    [Fact]
    public void Plan_CompatibleSource_CopiesBothStreamsWithFaststart()
    {
        var plan = Plan(new DownloadRequest(), H264Aac);

        Assert.False(plan.Encodes);
        Assert.Empty(plan.Corrections);
        AssertSequence(plan.Arguments, "-map", "0:0", "-c:v", "copy", "-map", "0:1", "-c:a", "copy");
        AssertSequence(plan.Arguments, "-movflags", "+faststart", "-f", "mp4", "out.mp4");
        Assert.Equal(TimeSpan.FromSeconds(60), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_CopyIntoAContainerThatCannotHoldTheSource_EncodesWithItsCodecAndSaysWhy()
    {
        var plan = Plan(new DownloadRequest { Format = "webm" }, H264Aac);

        Assert.True(plan.Encodes);
        Assert.Equal(["video_codec:copy->vp9", "audio_codec:copy->opus"], plan.Corrections.Select(c => $"{c.Field}:{c.From}->{c.To}"));
        AssertSequence(plan.Arguments, "-c:v", "libvpx-vp9");
        AssertSequence(plan.Arguments, "-c:a", "libopus", "-b:a", "192k");
    }

    [Theory]
    [InlineData(1920, 1080, 720, "scale=-2:720")]
    [InlineData(1080, 1920, 720, "scale=720:-2")]
    public void Plan_MaxResolution_BoundsTheShorterSide(int width, int height, int cap, string filter)
    {
        var plan = Plan(new DownloadRequest { MaxResolution = cap }, Probe(TimeSpan.FromSeconds(10), Video("h264", width, height), Audio("aac")));

        AssertSequence(plan.Arguments, "-vf", filter);
        Assert.Equal(["video_codec:copy->h264"], plan.Corrections.Select(c => $"{c.Field}:{c.From}->{c.To}"));
    }

    [Fact]
    public void Plan_MaxResolutionAboveTheSource_KeepsTheCopy()
    {
        var plan = Plan(new DownloadRequest { MaxResolution = 1080 }, H264Aac);

        Assert.DoesNotContain("-vf", plan.Arguments);
        Assert.False(plan.Encodes);
    }

    [Fact]
    public void Plan_Clip_SeeksBeforeTheInputAndCutsTheLength()
    {
        var plan = Plan(new DownloadRequest { ClipStartSeconds = 90, ClipEndSeconds = 100 }, Probe(TimeSpan.FromSeconds(600), Video("h264", 640, 360), Audio("aac")));

        AssertSequence(plan.Arguments, "-ss", "90", "-i", "in");
        AssertSequence(plan.Arguments, "-t", "10");
        Assert.Equal(TimeSpan.FromSeconds(10), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_WithThreads_BindsTheDecoderTheFiltersAndTheEncoders()
    {
        var request = new DownloadRequest { VideoCodec = "h264" };
        var plan = DownloadPlanner.Plan(DownloadSettings.Resolve(request), request, [new DownloadInput("in", H264Aac)], "out.mp4", threads: 2);

        AssertSequence(plan.Arguments, "-filter_threads", "2");
        AssertSequence(plan.Arguments, "-threads", "2", "-i", "in");
        AssertSequence(plan.Arguments, "-threads", "2", "-movflags", "+faststart", "-f", "mp4", "out.mp4");
    }

    [Fact]
    public void Plan_WithoutThreads_LeavesThemToFfmpeg()
    {
        var plan = Plan(new DownloadRequest { VideoCodec = "h264" }, H264Aac);

        Assert.DoesNotContain("-threads", plan.Arguments);
        Assert.DoesNotContain("-filter_threads", plan.Arguments);
    }

    [Fact]
    public void Plan_ClipStartPastTheEnd_Refused()
    {
        var refused = Assert.Throws<MediaPlanException>(() => Plan(new DownloadRequest { ClipStartSeconds = 61 }, H264Aac));

        Assert.Equal("clip_out_of_range", refused.Code);
    }

    [Fact]
    public void Plan_VideoAndAudioApart_MergesTheTwoInputs()
    {
        var inputs = new[]
        {
            new DownloadInput("video", Probe(TimeSpan.FromSeconds(30), Video("vp9", 1280, 720))),
            new DownloadInput("audio", Probe(TimeSpan.FromSeconds(30), Audio("opus", index: 0))),
        };

        var plan = DownloadPlanner.Plan(DownloadSettings.Resolve(new DownloadRequest { Format = "webm" }), new DownloadRequest { Format = "webm" }, inputs, "out.webm");

        AssertSequence(plan.Arguments, "-map", "0:0", "-c:v", "copy", "-map", "1:0", "-c:a", "copy");
        Assert.False(plan.Encodes);
    }

    [Fact]
    public void Plan_LiveStreamFromStartWithMaxDuration_StartsAtTheFirstSegmentAndStopsInTime()
    {
        var live = new MediaProbe { FormatNames = ["hls"], Streams = [Video("h264", 640, 360), Audio("aac")] };
        var request = new DownloadRequest { LiveFromStart = true, MaxDurationSeconds = 7200 };

        var plan = DownloadPlanner.Plan(DownloadSettings.Resolve(request), request, [new DownloadInput("live", live)], "out.mp4");

        AssertSequence(plan.Arguments, "-live_start_index", "0", "-i", "live");
        AssertSequence(plan.Arguments, "-t", "7200");
        Assert.Equal(TimeSpan.FromHours(2), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_ClipOfALiveStream_Refused()
    {
        var live = new MediaProbe { FormatNames = ["hls"], Streams = [Video("h264", 640, 360), Audio("aac")] };
        var request = new DownloadRequest { ClipStartSeconds = 5 };

        var refused = Assert.Throws<MediaPlanException>(() => DownloadPlanner.Plan(DownloadSettings.Resolve(request), request, [new DownloadInput("live", live)], "out.mp4"));

        Assert.Equal("clip_of_live_stream", refused.Code);
    }

    [Fact]
    public void Plan_AudioOnlyWithoutAudio_Refused()
    {
        var request = new DownloadRequest { AudioOnly = true };

        var refused = Assert.Throws<MediaPlanException>(() => Plan(request, Probe(TimeSpan.FromSeconds(5), Video("h264", 640, 360))));

        Assert.Equal("no_audio_stream", refused.Code);
    }

    private static DownloadPlan Plan(DownloadRequest request, MediaProbe probe) =>
        DownloadPlanner.Plan(DownloadSettings.Resolve(request), request, [new DownloadInput("in", probe)], $"out.{DownloadSettings.Resolve(request).Container.Extension}");

    private static MediaProbe Probe(TimeSpan duration, params MediaStream[] streams) => new() { FormatNames = ["mov", "mp4"], Duration = duration, Streams = streams };

    private static MediaStream Video(string codec, int width, int height) => new() { Index = 0, Kind = MediaStreamKind.Video, CodecName = codec, Width = width, Height = height };

    private static MediaStream Audio(string codec, int index = 1) => new() { Index = index, Kind = MediaStreamKind.Audio, CodecName = codec, SampleRate = 48000, Channels = 2 };

    private static void AssertSequence(IReadOnlyList<string> arguments, params string[] sequence)
    {
        for (var i = 0; i + sequence.Length <= arguments.Count; i++)
        {
            if (arguments.Skip(i).Take(sequence.Length).SequenceEqual(sequence))
            {
                return;
            }
        }

        Assert.Fail($"[{string.Join(' ', sequence)}] is not in [{string.Join(' ', arguments)}]");
    }
}
