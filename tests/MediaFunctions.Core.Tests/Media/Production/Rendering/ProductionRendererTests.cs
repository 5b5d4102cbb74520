using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Rendering;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>The rendered productions of <see cref="RenderedProduction"/>, read back with ffprobe, ebur128 and an ID3 reader.</summary>
public sealed class ProductionRendererTests(RenderedProduction production, ITestOutputHelper output) : IClassFixture<RenderedProduction>
{
    private const double DurationTolerance = 0.05;

    [Theory]
    [InlineData("episode.mp3", "mp3", "mp3", "audio/mpeg")]
    [InlineData("episode-vbr.mp3", "mp3", "mp3", "audio/mpeg")]
    [InlineData("episode.ogg", "ogg", "vorbis", "audio/ogg")]
    [InlineData("episode.opus", "ogg", "opus", "audio/ogg")]
    [InlineData("episode.m4a", "mov,mp4,m4a,3gp,3g2,mj2", "aac", "audio/mp4")]
    [InlineData("episode-alac.m4a", "mov,mp4,m4a,3gp,3g2,mj2", "alac", "audio/mp4")]
    [InlineData("episode.flac", "flac", "flac", "audio/flac")]
    [InlineData("episode.wav", "wav", "pcm_s16le", "audio/wav")]
    [InlineData("episode-24bit.wav", "wav", "pcm_s24le", "audio/wav")]
    [InlineData("episode-audiogram.mp4", "mov,mp4,m4a,3gp,3g2,mj2", "aac", "video/mp4")]
    public async Task RenderAsync_EveryFormat_HasItsCodecContainerAndTheWholeDuration(string fileName, string container, string codec, string mimeType)
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), FfmpegTools.Timeout());
        var rendered = production.AudioFiles.Single(file => Path.GetFileName(file.Path) == fileName);

        var audioDuration = ProbedFile.Seconds(probe.Audio.GetProperty("duration"));
        output.WriteLine($"{fileName}: {probe.FormatName}, {ProbedFile.Text(probe.Audio, "codec_name")}, {audioDuration:0.000} s, {rendered.Length} bytes");
        Assert.Equal(container, probe.FormatName);
        Assert.Equal(codec, ProbedFile.Text(probe.Audio, "codec_name"));
        Assert.Equal(mimeType, rendered.MimeType);
        Assert.Equal(new FileInfo(rendered.Path).Length, rendered.Length);
        Assert.Null(rendered.ChapterNumber);
        Assert.InRange(audioDuration, RenderedProduction.Total.TotalSeconds - DurationTolerance, RenderedProduction.Total.TotalSeconds + DurationTolerance);
        Assert.InRange(rendered.Duration.TotalSeconds, RenderedProduction.Total.TotalSeconds - DurationTolerance, RenderedProduction.Total.TotalSeconds + DurationTolerance);
    }

    [Theory]
    [InlineData("episode.mp3", 112_000)]
    [InlineData("episode-64k-mono.mp3", 64_000)]
    [InlineData("episode.m4a", 80_000)]
    public async Task RenderAsync_Bitrate_Honoured(string fileName, long bitsPerSecond)
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), FfmpegTools.Timeout());

        var bitRate = ProbedFile.Number(probe.Audio, "bit_rate");
        output.WriteLine($"{fileName}: {bitRate} bit/s (asked {bitsPerSecond})");
        // AAC's rate control lands near its target, not on it.
        Assert.InRange(bitRate, bitsPerSecond * 0.9, bitsPerSecond * 1.1);
    }

    [Theory]
    [InlineData("episode-64k-mono.mp3", 1)]
    [InlineData("episode-mono.wav", 1)]
    [InlineData("episode.mp3", 2)]
    [InlineData("episode.opus", 2)]
    [InlineData("waves.mp4", 1)]
    public async Task RenderAsync_MonoMixdown_OneChannelElseTheMains(string fileName, int channels)
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), FfmpegTools.Timeout());

        Assert.Equal(channels, probe.Audio.GetProperty("channels").GetInt32());
    }

    [Fact]
    public async Task RenderAsync_IntroMainOutro_EachSegmentAtTheTarget()
    {
        var token = FfmpegTools.Timeout();
        var analyser = new LoudnessAnalyser(FfmpegTools.Runner());
        var path = production.PathOf("episode.flac");
        var introEnd = RenderedProduction.IntroLength.TotalSeconds;
        var mainEnd = (RenderedProduction.IntroLength + RenderedProduction.MainLength).TotalSeconds;

        foreach (var (name, start, end) in new[] { ("intro", 0, introEnd), ("main", introEnd, mainEnd), ("outro", mainEnd, RenderedProduction.Total.TotalSeconds) })
        {
            var source = name switch { "intro" => production.Intro, "main" => production.Main, _ => production.Outro };
            var before = await analyser.MeasureAsync(source, null, token);
            var measured = await analyser.MeasureAsync(path, FormattableString.Invariant($"atrim=start={start}:end={end}"), token);

            output.WriteLine($"{name} ({start}–{end} s): {before.IntegratedLoudness} LUFS → {measured.IntegratedLoudness} LUFS, {measured.TruePeak} dBTP");
            Assert.InRange(measured.IntegratedLoudness, RenderedProduction.Target - 0.5, RenderedProduction.Target + 0.5);
        }
    }

    [Fact]
    public async Task RenderAsync_MonoMixdown_AsLoudAsDualMonoAndUnderTheCeiling()
    {
        var token = FfmpegTools.Timeout();
        var lines = new List<string>();
        await FfmpegTools.Runner().RunAsync(
            ["-hide_banner", "-nostats", "-loglevel", "info", "-i", production.PathOf("episode-mono.wav"),
                "-af", "ebur128=peak=true:dualmono=true:framelog=verbose", "-f", "null", "-"],
            new FfmpegRunOptions { StandardError = lines.Add },
            token);

        Assert.True(Ebur128Summary.TryParse(lines, out var mono));
        output.WriteLine($"mono mixdown, measured as dual-mono: {mono.IntegratedLoudness} LUFS, {mono.TruePeak} dBTP");
        Assert.InRange(mono.IntegratedLoudness, RenderedProduction.Target - 0.5, RenderedProduction.Target + 0.5);
        Assert.True(mono.TruePeak <= -1 + 0.1, $"True peak {mono.TruePeak} dBTP is over -1 dBTP.");
    }

    [Fact]
    public async Task RenderAsync_SplitOnChapters_OneNumberedFilePerChapterOfItsLength()
    {
        var token = FfmpegTools.Timeout();
        var chapters = RenderedProduction.Chapters;
        var flacs = production.AudioFiles.Where(file => file.Output.FileName == "part.flac").ToList();
        var mp3s = production.AudioFiles.Where(file => file.Output.FileName == "part.mp3").ToList();

        Assert.Equal(["part-01.flac", "part-02.flac", "part-03.flac"], flacs.Select(file => Path.GetFileName(file.Path)));
        Assert.Equal(["part-01.mp3", "part-02.mp3", "part-03.mp3"], mp3s.Select(file => Path.GetFileName(file.Path)));
        for (var i = 0; i < chapters.Count; i++)
        {
            var expected = (i + 1 < chapters.Count ? chapters[i + 1].Start : RenderedProduction.Total) - chapters[i].Start;
            var flac = await ProbedFile.ProbeAsync(flacs[i].Path, token);
            var mp3 = await ProbedFile.ProbeAsync(mp3s[i].Path, token);

            output.WriteLine($"chapter {i + 1}: {expected.TotalSeconds} s → flac {flac.Duration:0.000} s, mp3 {mp3.Duration:0.000} s \"{mp3.Tags["title"]}\"");
            Assert.Equal(i + 1, flacs[i].ChapterNumber);
            Assert.Equal(expected.TotalSeconds, flac.Duration, 0.001);
            Assert.InRange(mp3.Duration, expected.TotalSeconds - DurationTolerance, expected.TotalSeconds + DurationTolerance);
            Assert.Equal($"Episode 8 – {chapters[i].Title}", mp3.Tags["title"]);
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), mp3.Tags["track"]);
            Assert.Empty(mp3.Chapters);
            Assert.Single(mp3.AttachedPictures);
        }
    }

    [Theory]
    [InlineData("episode.mp3")]
    [InlineData("episode.m4a")]
    [InlineData("episode.ogg")]
    [InlineData("episode.opus")]
    [InlineData("episode.flac")]
    [InlineData("episode.wav")]
    [InlineData("video.mkv")]
    public async Task RenderAsync_Tags_ReadableByFfprobe(string fileName)
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), FfmpegTools.Timeout());

        Assert.Equal("Episode 8", probe.Tags["title"]);
        Assert.Equal("The Artist", probe.Tags["artist"]);
        Assert.Equal("Our Album", probe.Tags["album"]);
    }

    [Theory]
    [InlineData("episode.mp3", true)]
    [InlineData("episode.m4a", true)]
    [InlineData("episode-alac.m4a", true)]
    [InlineData("episode.flac", true)]
    [InlineData("episode.ogg", false)]
    [InlineData("episode.opus", false)]
    [InlineData("episode.wav", false)]
    public async Task RenderAsync_CoverArt_AttachedWhereTheContainerCarriesIt(string fileName, bool attached)
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), FfmpegTools.Timeout());

        if (attached)
        {
            var picture = Assert.Single(probe.AttachedPictures);
            Assert.Equal("png", ProbedFile.Text(picture, "codec_name"));
            Assert.Equal(400, picture.GetProperty("width").GetInt32());
        }
        else
        {
            Assert.Empty(probe.AttachedPictures);
        }
    }

    [Theory]
    [InlineData("episode.mp3")]
    [InlineData("episode.m4a")]
    [InlineData("episode.flac")]
    [InlineData("episode.ogg")]
    public async Task RenderAsync_Chapters_ReadableByFfprobe(string fileName)
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), FfmpegTools.Timeout());

        var titles = probe.Chapters.Count > 0
            ? probe.Chapters.Select(chapter => chapter.GetProperty("tags").GetProperty("title").GetString())
            : Enumerable.Range(1, 3).Select(i => probe.Tags[$"CHAPTER{i:000}NAME"]);
        Assert.Equal(RenderedProduction.Chapters.Select(chapter => chapter.Title), titles);
    }

    [Fact]
    public void RenderAsync_Mp3Chapters_CarryTheirLinkAndPicture()
    {
        var path = production.PathOf("episode.mp3");

        var chapters = Id3TagReader.ReadChapters(path);
        var table = Assert.Single(Id3TagReader.ReadTablesOfContents(path));

        Assert.True(table.IsTopLevel);
        Assert.True(table.IsOrdered);
        Assert.Equal(chapters.Select(chapter => chapter.ElementId), table.ChapterIds);
        Assert.Equal(RenderedProduction.Chapters.Select(chapter => chapter.Title), chapters.Select(chapter => chapter.Title));
        Assert.Equal(RenderedProduction.Chapters.Select(chapter => chapter.Url?.AbsoluteUri), chapters.Select(chapter => chapter.Url));
        Assert.Equal([0u, 2000u, 6500u], chapters.Select(chapter => chapter.StartMilliseconds));
        Assert.Equal(("image/jpeg", File.ReadAllBytes(production.ChapterImages[0]!)), chapters[0].Picture);
        Assert.Equal(("image/png", File.ReadAllBytes(production.ChapterImages[1]!)), chapters[1].Picture);
        Assert.Null(chapters[2].Picture);
        // The frames ffmpeg wrote are all still there, the cover art among them.
        Assert.Contains(Id3TagReader.ReadFrames(path), frame => frame.Id == "APIC");
        Assert.Contains(Id3TagReader.ReadFrames(path), frame => frame.Id == "TALB");
    }

    [Fact]
    public async Task RenderAsync_Mp3WithChapterFrames_StillPlaysWholeWithItsTags()
    {
        var probe = await ProbedFile.ProbeAsync(production.PathOf("episode.mp3"), FfmpegTools.Timeout());

        Assert.Equal("Podcast", probe.Tags["genre"]);
        Assert.Equal(3, probe.Chapters.Count);
        // Every MP3 frame of the audio after the rewritten tag, LAME's padding frames among them.
        var frames = RenderedProduction.Total.TotalSeconds * 44_100 / 1152;
        Assert.InRange(ProbedFile.Number(probe.Audio, "nb_read_packets"), frames, frames + 3);
    }

    [Fact]
    public async Task RenderAsync_Audiogram_IsSquareH264OverTheWholeAudio()
    {
        var token = FfmpegTools.Timeout();
        foreach (var (fileName, duration) in new[] { ("episode-audiogram.mp4", RenderedProduction.Total), ("waves.mp4", RenderedProduction.IntroLength + RenderedProduction.VideoLength) })
        {
            var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), token);
            var video = Assert.Single(probe.Videos);

            var videoDuration = ProbedFile.Seconds(video.GetProperty("duration"));
            output.WriteLine($"{fileName}: {ProbedFile.Text(video, "codec_name")} {video.GetProperty("width")}x{video.GetProperty("height")} {videoDuration:0.000} s, audio {probe.Audio.GetProperty("duration")} s");
            Assert.Equal("h264", ProbedFile.Text(video, "codec_name"));
            Assert.Equal("yuv420p", ProbedFile.Text(video, "pix_fmt"));
            Assert.Equal(ProductionRenderPlanner.AudiogramSize, video.GetProperty("width").GetInt32());
            Assert.Equal(ProductionRenderPlanner.AudiogramSize, video.GetProperty("height").GetInt32());
            Assert.InRange(videoDuration, duration.TotalSeconds - 0.15, duration.TotalSeconds + 0.15);
            Assert.InRange(ProbedFile.Seconds(probe.Audio.GetProperty("duration")), duration.TotalSeconds - DurationTolerance, duration.TotalSeconds + DurationTolerance);
        }
    }

    [Theory]
    [InlineData("video.mp4", "mov,mp4,m4a,3gp,3g2,mj2", "aac")]
    [InlineData("video.mkv", "matroska,webm", "aac")]
    public async Task RenderAsync_Video_CopiesTheVideoAfterTheIntroWithTheNewAudio(string fileName, string container, string audioCodec)
    {
        var token = FfmpegTools.Timeout();
        var input = await ProbedFile.ProbeAsync(production.Video, token);
        var probe = await ProbedFile.ProbeAsync(production.PathOf(fileName), token);
        var rendered = production.VideoFiles.Single(file => Path.GetFileName(file.Path) == fileName);

        var sourceVideo = Assert.Single(input.Videos);
        var video = Assert.Single(probe.Videos);
        var audioDuration = probe.Audio.TryGetProperty("duration", out var seconds) ? ProbedFile.Seconds(seconds) : probe.Duration;
        var expected = (RenderedProduction.IntroLength + RenderedProduction.VideoLength).TotalSeconds;
        output.WriteLine($"{fileName}: video starts at {video.GetProperty("start_time")} s, {video.GetProperty("nb_read_packets")} packets; audio {audioDuration:0.000} s");
        Assert.Equal(container, probe.FormatName);
        Assert.Equal(ProbedFile.Text(sourceVideo, "codec_name"), ProbedFile.Text(video, "codec_name"));
        Assert.Equal(ProbedFile.Number(sourceVideo, "nb_read_packets"), ProbedFile.Number(video, "nb_read_packets"));
        Assert.Equal(RenderedProduction.IntroLength.TotalSeconds, ProbedFile.Seconds(video.GetProperty("start_time")), 0.05);
        Assert.Equal(audioCodec, ProbedFile.Text(probe.Audio, "codec_name"));
        Assert.InRange(audioDuration, expected - DurationTolerance, expected + DurationTolerance);
        Assert.Equal(fileName.EndsWith(".mp4", StringComparison.Ordinal) ? "video/mp4" : "video/x-matroska", rendered.MimeType);
    }

    [Fact]
    public void RenderAsync_Progress_ReachesTheEndOfTheWholeAudio()
    {
        Assert.NotEmpty(production.AudioProgress);
        Assert.True(production.AudioProgress[^1].IsComplete);
        Assert.InRange(production.AudioProgress[^1].Fraction ?? 0, 0.95, 1.0);
    }

    [Fact]
    public async Task RenderAsync_Cancelled_StopsFfmpegAndThrows()
    {
        var folder = Path.Combine(production.Folder, "cancelled-" + Guid.NewGuid().ToString("N"));
        // A main that never ends: ffmpeg runs until it is stopped.
        var spec = production.AudioSpec with { Main = production.AudioSpec.Main with { InputArguments = ["-stream_loop", "-1"] }, OutputFolder = folder };
        using var cancellation = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var progress = new Progress<FfmpegProgress>(_ => started.TrySetResult());

        var render = RenderedProduction.Renderer().RenderAsync(spec, progress, cancellationToken: cancellation.Token);
        await started.Task.WaitAsync(FfmpegTools.Timeout());
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render);
        Assert.False(FfmpegTools.IsProcessRunningWith(folder));
    }
}
