using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Production.Filtering;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>The planned ffmpeg run as data: which inputs, which graph, which files. The rendered files are checked in <see cref="ProductionRendererTests"/>.</summary>
public sealed class ProductionRenderPlannerTests
{
    private static readonly LoudnessSettings Filtered = new(true, -16, -1, Filtering: true);

    private static ProductionRenderInput Input(string location, double seconds, bool hasVideo = false, int channels = 2) =>
        new(location, [], new LoudnessPlan(Filtered, LoudnessPlanner.PreLoudnessFilter(Filtered), 3, null, 44_100), TimeSpan.FromSeconds(seconds), hasVideo, channels);

    private static ProductionOutputFile Out(string format, int? bitrateKbps, string fileName, bool monoMixdown, bool splitOnChapters) =>
        new(format, bitrateKbps, fileName, monoMixdown, splitOnChapters);

    private static ProductionRenderSpec Spec(params ProductionOutputFile[] outputs) => new(
        Input("main.wav", 60), Input("intro.wav", 5), Input("outro.wav", 10), outputs, new ProductionMetadata { Title = "Show" },
        [new(TimeSpan.Zero, "One", null), new(TimeSpan.FromSeconds(30), "Two", null)], "cover.jpg", [], "/out");

    private static string Graph(ProductionRenderPlan plan) => plan.Arguments[plan.Arguments.ToList().IndexOf("-filter_complex") + 1];

    [Fact]
    public void Plan_IntroMainOutro_JoinedInPlayingOrderAndExpectedToLastTheirSum()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(Out("mp3", null, "show.mp3", false, false)));

        var inputs = plan.Arguments.Select((argument, i) => (argument, i)).Where(pair => pair.argument == "-i").Select(pair => plan.Arguments[pair.i + 1]).ToList();
        Assert.Equal(["main.wav", "intro.wav", "outro.wav", "cover.jpg", "/out/show.mp3.ffmetadata"], inputs);
        Assert.Contains("[1:a:0]asetpts=PTS-STARTPTS,", Graph(plan));
        Assert.Contains("[intro][main][outro]concat=n=3:v=0:a=1[program]", Graph(plan));
        Assert.Equal(TimeSpan.FromSeconds(75), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_FilteringOnEveryInput_EachCleanedOnItsOwnWithUniqueLabels()
    {
        var graph = Graph(ProductionRenderPlanner.Plan(Spec(Out("mp3", null, "show.mp3", false, false))));

        var outputLabels = System.Text.RegularExpressions.Regex.Matches(graph, @"\[([^\]]+)\](?=;|$)").Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(outputLabels.Count, outputLabels.Distinct().Count());
        Assert.Equal(3, graph.Split(HumAndRumbleFilter.Chain()).Length - 1);
    }

    [Fact]
    public void Plan_MainOnly_NoConcat()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(Out("wav", null, "show.wav", false, false)) with { Intro = null, Outro = null });

        Assert.DoesNotContain("concat", Graph(plan));
        Assert.Contains("[main]asplit=1[b0]", Graph(plan));
        Assert.Equal(TimeSpan.FromSeconds(60), plan.ExpectedDuration);
    }

    [Fact]
    public void Plan_SplitOnChapters_NumberedFilesCutAtTheChapterStarts()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(Out("flac", null, "show.flac", false, true)));

        Assert.Equal(["/out/show-01.flac", "/out/show-02.flac"], plan.Files.Select(file => file.Path));
        Assert.Equal([1, 2], plan.Files.Select(file => file.ChapterNumber));
        Assert.Contains("[b0]atrim=start_sample=0:end_sample=1323000,asetpts=PTS-STARTPTS[a0]", Graph(plan));
        Assert.Contains("[b1]atrim=start_sample=1323000,asetpts=PTS-STARTPTS[a1]", Graph(plan));
        Assert.Contains("title=Show – Two\n", plan.MetadataFiles[1].MetadataFileText);
        Assert.Contains("track=2\n", plan.MetadataFiles[1].MetadataFileText);
        Assert.DoesNotContain("[CHAPTER]", plan.MetadataFiles[1].MetadataFileText);
    }

    [Fact]
    public void Plan_VideoAfterAnIntro_MainOffsetByTheIntroAndItsVideoCopied()
    {
        var spec = Spec(Out("video", null, "show.mkv", false, false)) with { Main = Input("main.mp4", 60, hasVideo: true) };

        var plan = ProductionRenderPlanner.Plan(spec);

        var arguments = string.Join(' ', plan.Arguments);
        Assert.Contains("-itsoffset 5 -i main.mp4", arguments);
        Assert.Contains("-map [a0] -map 0:v:0 -c:v copy -c:a aac -b:a 128k", arguments);
        Assert.EndsWith("-f matroska /out/show.mkv", arguments);
        Assert.Equal("video/x-matroska", plan.Files[0].Format.MimeType);
    }

    [Fact]
    public void Plan_VideoWithoutAVideoInput_Refused()
    {
        var error = Assert.Throws<MediaPlanException>(() => ProductionRenderPlanner.Plan(Spec(Out("video", null, "show.mp4", false, false))));

        Assert.Equal("no_video_stream", error.Code);
    }

    [Fact]
    public void Plan_VideoInAContainerWithoutAnAudioCodecHere_Refused()
    {
        var spec = Spec(Out("video", null, "show.wmv", false, false)) with { Main = Input("main.wmv", 60, hasVideo: true) };

        Assert.Equal("video_container_unsupported", Assert.Throws<MediaPlanException>(() => ProductionRenderPlanner.Plan(spec)).Code);
    }

    [Fact]
    public void Plan_Mp3WithCoverAndChapterLinks_CoverAttachedAndChapterFramesCompleted()
    {
        var spec = Spec(Out("mp3", null, "show.mp3", false, false), Out("opus", null, "show.opus", false, false)) with
        {
            Chapters = [new(TimeSpan.Zero, "One", new Uri("https://example.com/"))],
        };

        var plan = ProductionRenderPlanner.Plan(spec);

        var arguments = string.Join(' ', plan.Arguments);
        Assert.Contains("-map [a0] -map 3:v:0 -c:v copy -disposition:v:0 attached_pic -c:a libmp3lame -b:a 112k", arguments);
        Assert.Contains("-map [a1] -c:a libopus -b:a 64k -map_metadata 5", arguments);
        Assert.Equal([true, false], plan.Files.Select(file => file.AddsChapterLinksAndImages));
    }

    [Fact]
    public void Plan_Audiogram_WavesOverTheLoopedCover()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(Out("audiogram", null, "show.mp4", true, false)));

        var arguments = string.Join(' ', plan.Arguments);
        Assert.Contains("-loop 1 -framerate 10 -t 76 -i cover.jpg", arguments);
        Assert.Contains("[3:v]scale=720:720:force_original_aspect_ratio=increase,crop=720:720,setsar=1[bg0]", Graph(plan));
        Assert.Contains("-map [a0] -map [v0] -c:v libx264", arguments);
        Assert.Contains("[b0]pan=mono|c0=0.5*c0+0.5*c1,asplit=2[a0][w0]", Graph(plan));
    }

    [Fact]
    public void Plan_MonoMixdownOfAMonoMain_NothingToMix()
    {
        var spec = Spec(Out("wav", null, "show.wav", true, false)) with { Main = Input("main.wav", 60, channels: 1) };

        var graph = Graph(ProductionRenderPlanner.Plan(spec));

        Assert.Contains("channel_layouts=mono[main]", graph);
        Assert.DoesNotContain("pan=", graph);
    }

    [Fact]
    public void Plan_AudiogramWithoutCover_WavesOverAPlainBackground()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(Out("audiogram", null, "show.mp4", false, false)) with { CoverImagePath = null });

        Assert.Contains($"color=c={ProductionRenderPlanner.AudiogramBackground}:s=720x720:r=10:d=76[bg0]", Graph(plan));
    }

    [Theory]
    [InlineData("video", "show.mp4")]
    [InlineData("audiogram", "show.mp4")]
    public void Plan_SplitOnChaptersOfAVideo_Refused(string format, string fileName)
    {
        var spec = Spec(Out(format, null, fileName, false, true)) with { Main = Input("main.mp4", 60, hasVideo: true) };

        Assert.Equal("split_on_chapters_unsupported", Assert.Throws<MediaPlanException>(() => ProductionRenderPlanner.Plan(spec)).Code);
    }

    [Theory]
    [InlineData("../show.mp3")]
    [InlineData("sub/show.mp3")]
    [InlineData("")]
    public void Plan_FileNameWithAFolder_Refused(string fileName) =>
        Assert.Throws<ArgumentException>(() => ProductionRenderPlanner.Plan(Spec(Out("mp3", null, fileName, false, false))));

    [Fact]
    public void Plan_TwoOutputsOfOneName_Refused() =>
        Assert.Throws<ArgumentException>(() => ProductionRenderPlanner.Plan(Spec(Out("mp3", null, "a.mp3", false, false), Out("mp3-vbr", null, "a.mp3", false, false))));

    [Fact]
    public void Plan_ChapterPastTheEnd_Refused()
    {
        var spec = Spec(Out("mp3", null, "show.mp3", false, false)) with { Chapters = [new(TimeSpan.FromSeconds(75), "Late", null)] };

        Assert.Equal("chapter_past_end", Assert.Throws<MediaPlanException>(() => ProductionRenderPlanner.Plan(spec)).Code);
    }

    [Fact]
    public void Plan_ChapterImagesNotOnePerChapter_Refused() =>
        Assert.Throws<ArgumentException>(() => ProductionRenderPlanner.Plan(Spec(Out("mp3", null, "show.mp3", false, false)) with { ChapterImagePaths = ["one.jpg"] }));

    [Fact]
    public void Plan_TwoEncoderProcesses_DearestAudioOutputEncodedBesideFromTheFinishedSamples()
    {
        var plan = ProductionRenderPlanner.Plan(Spec(Out("mp3", 128, "show.mp3", false, false), Out("aac", 64, "show.m4a", true, false)), encoderProcesses: 2);

        var encoder = Assert.Single(plan.OffloadedEncoders);
        Assert.Equal("/out/show.m4a.pcm", encoder.FifoPath);
        var main = plan.Arguments.ToList();
        Assert.Equal(["-map", "[a1]", "-c:a", "pcm_f32le", "-f", "f32le", "/out/show.m4a.pcm"], main[main.IndexOf("[a1]")..(main.IndexOf("[a1]") + 6)].Prepend("-map"));
        Assert.DoesNotContain("/out/show.m4a", main);
        var offloaded = encoder.Arguments.ToList();
        // The mono mixdown is done in the shared graph: the second run reads one channel at the main's rate.
        Assert.Equal(["-f", "f32le", "-ar", "44100", "-ac", "1", "-thread_queue_size", "1024", "-i", "/out/show.m4a.pcm"],
            offloaded[offloaded.IndexOf("f32le")..(offloaded.IndexOf("f32le") + 9)].Prepend("-f"));
        Assert.Equal("1", offloaded[offloaded.IndexOf("-map_metadata") + 1]);
        Assert.Equal("2:v:0", offloaded[offloaded.LastIndexOf("-map") + 1]);
        Assert.Equal("/out/show.m4a", offloaded[^1]);
        Assert.Equal(2, plan.MetadataFiles.Count);
    }

    [Fact]
    public void Plan_ThreeEncoderProcesses_BothLossyOutputsEncodedBesideAndTheLosslessInTheMainRun()
    {
        var plan = ProductionRenderPlanner.Plan(
            Spec(Out("mp3", 128, "show.mp3", false, false), Out("flac", null, "show.flac", false, false), Out("aac", 64, "show.m4a", false, false)), encoderProcesses: 3);

        Assert.Equal(["/out/show.m4a.pcm", "/out/show.mp3.pcm"], plan.OffloadedEncoders.Select(encoder => encoder.FifoPath).Order(StringComparer.Ordinal));
        Assert.Contains("/out/show.flac", plan.Arguments);
        Assert.All(plan.OffloadedEncoders, encoder => Assert.Equal("1", encoder.Arguments[encoder.Arguments.ToList().IndexOf("-map_metadata") + 1]));
    }

    [Fact]
    public void Plan_OneEncoderProcessOrNoLossyFile_EverythingInOneRun()
    {
        Assert.Empty(ProductionRenderPlanner.Plan(Spec(Out("mp3", null, "show.mp3", false, false), Out("aac", null, "show.m4a", false, false))).OffloadedEncoders);
        Assert.Empty(ProductionRenderPlanner.Plan(Spec(Out("flac", null, "show.flac", false, false), Out("wav", null, "show.wav", false, false)), encoderProcesses: 3)
            .OffloadedEncoders);
    }
}
