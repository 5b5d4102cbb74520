using System.Globalization;
using System.IO.Compression;
using System.Net;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Testing.Media;
using Xunit.Abstractions;
using static MediaFunctions.Testing.Api.AuphonicApi;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>
/// The audio algorithms end to end over HTTP, as a user asks for them: spoken audio made with espeak-ng goes through a
/// production on the real host, and what comes back is measured — its length after the cutters, its loudness, the transcript
/// and its subtitles, a multitrack production's gated tracks and their zip.
/// </summary>
public sealed class AuphonicAlgorithmRunTests(ProductionHostFixture fixture, ITestOutputHelper output) : IClassFixture<ProductionHostFixture>, IDisposable
{
    private const double PauseSeconds = 3;

    private static readonly LoudnessAnalyser Meter = new(FfmpegTools.Runner());

    private readonly string _folder = Directory.CreateTempSubdirectory("mf-algorithm-runs-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SingleTrack_EveryAlgorithm_CutsThePausesAndFillersTranscribesAndFindsTheKeywords()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var token = timeout.Token;
        // Two speakers 12 dB apart, five 3 s pauses between sentences, a filler, and broadband noise under it all.
        string[] sentences =
        [
            "Climate change is warming the oceans every year.",
            "Australia has many unusual animals.",
            "Um.",
            "Biologist teams study the animals of Australia, the kangaroo and the koala.",
            "The warm oceans melt the polar ice and the sea level rises.",
            "Coral reefs are home to many kinds of fish.",
            "Scientists measure the ocean temperature every day.",
            "Thank you for listening to our show about the ocean.",
        ];
        var parts = new List<(string Path, double At, double Gain)>();
        var at = 0.5;
        var starts = new List<double>();
        var pauses = new List<double>();
        for (var i = 0; i < sentences.Length; i++)
        {
            var path = Path.Combine(_folder, $"sentence-{i}.wav");
            var length = await SynthesizedSpeech.WriteAsync(path, sentences[i], token, gainDecibels: i % 2 == 0 ? -6 : -18);
            starts.Add(at);
            parts.Add((path, at, 0));
            // The filler sits between short pauses, as a hesitation does; every other sentence is followed by a long pause.
            pauses.Add(sentences[i] == "Um." || sentences[Math.Min(i + 1, sentences.Length - 1)] == "Um." ? 0.4 : PauseSeconds);
            at += length.TotalSeconds + pauses[^1];
        }

        var episode = Path.Combine(_folder, "conversation.wav");
        await SpokenTimeline.WriteAsync(episode, parts, at + 0.5, noiseAmplitude: 0.003, token);
        var inputSeconds = (await FfmpegTools.Prober().ProbeAsync(episode, cancellationToken: token)).Duration!.Value.TotalSeconds;

        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (createdStatus, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", """
            {
                "metadata": {"title": "Reef talk"},
                "output_files": [{"format": "flac"}],
                "algorithms": {
                    "filtering": true, "leveler": true, "denoise": true, "denoiseamount": 12, "normloudness": true, "loudnesstarget": -16,
                    "silence_cutter": true, "filler_cutter": true, "music_cutter": true
                },
                "speech_recognition": {"language": "en", "keywords": ["australia", "biologist"], "shownotes": true}
            }
            """, token);
        Assert.True(createdStatus == HttpStatusCode.OK, created.ToString());
        var uuid = Uuid(created);
        await SendFormAsync(alice, $"/api/production/{uuid}/upload.json", token, ("input_file", "@" + episode));
        await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, token);

        var production = await WaitForEndAsync(alice, uuid, token);
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());

        // Only the algorithm with no model here is reported as not applied.
        var warning = production.GetProperty("warning_message").GetString()!;
        output.WriteLine($"warning_message: {warning}");
        Assert.Contains("music_cutter", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("filler_cutter", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("speech_recognition", warning, StringComparison.Ordinal);

        // The silence cutter: five 3 s pauses shortened, so at least 12 s shorter; the filler cut too.
        var files = production.GetProperty("output_files").EnumerateArray().ToList();
        var flac = await DownloadAsync(alice, files[0].GetProperty("download_url").GetString()!, _folder, token);
        var outputSeconds = (await FfmpegTools.Prober().ProbeAsync(flac, cancellationToken: token)).Duration!.Value.TotalSeconds;
        output.WriteLine($"input {inputSeconds:0.00} s → output {outputSeconds:0.00} s");
        Assert.True(inputSeconds - outputSeconds >= 12, $"only {inputSeconds - outputSeconds:0.00} s shorter");
        Assert.Equal(outputSeconds, production.GetProperty("length").GetDouble(), 0.1);
        var loudness = await Meter.MeasureAsync(flac, null, token);
        output.WriteLine($"loudness {loudness.IntegratedLoudness:0.00} LUFS, true peak {loudness.TruePeak:0.00} dBTP");
        Assert.InRange(loudness.IntegratedLoudness, -16.5, -15.5);
        Assert.True(loudness.TruePeak <= -1, $"true peak {loudness.TruePeak}");

        // The transcript: its words, and each keyword where its sentence starts in the cut output (± 1 s).
        var transcript = production.GetProperty("transcript");
        output.WriteLine($"transcript: {transcript.GetProperty("text").GetString()}");
        Assert.True(transcript.GetProperty("words").GetArrayLength() >= 20);
        var keywords = transcript.GetProperty("keywords").EnumerateArray()
            .Select(hit => (Keyword: hit.GetProperty("keyword").GetString(), Start: hit.GetProperty("start").GetDouble())).ToList();
        foreach (var (keyword, sentence) in new[] { ("australia", 1), ("biologist", 3) })
        {
            var expected = CutStart(starts, pauses, sentence);
            output.WriteLine($"{keyword}: expected about {expected:0.00} s, heard at {string.Join(", ", keywords.Where(hit => hit.Keyword == keyword).Select(hit => hit.Start))}");
            Assert.Contains(keywords, hit => hit.Keyword == keyword && Math.Abs(hit.Start - expected) <= 1);
        }

        Assert.True(transcript.GetProperty("shownotes").GetArrayLength() >= 1);

        // The subtitles: listed after the asked-for file, downloaded, and read by ffmpeg as subtitles.
        foreach (var (ending, codec) in new[] { ("vtt", "webvtt"), ("srt", "subrip") })
        {
            var entry = files.Single(file => file.GetProperty("filename").GetString() == $"conversation.{ending}");
            var path = await DownloadAsync(alice, entry.GetProperty("download_url").GetString()!, _folder, token);
            var probe = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: token);
            Assert.Equal(codec, probe.Streams.Single().CodecName);
            Assert.Contains("ocean", await File.ReadAllTextAsync(path, token), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Multitrack_TwoSpeakersGatedCutAndTranscribed_TracksZipAsLongAsTheMixdown()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var token = timeout.Token;
        // Each speaker's microphone also hears the other, 18 dB lower: the bleed the gate must take out.
        var a = Path.Combine(_folder, "a.wav");
        var b = Path.Combine(_folder, "b.wav");
        var aLength = (await SynthesizedSpeech.WriteAsync(a, "Welcome to our show about coral reefs and the ocean.", token)).TotalSeconds;
        var bLength = (await SynthesizedSpeech.WriteAsync(b, "Thank you, it is great to be here with you today.", token, voice: "en-us+klatt4")).TotalSeconds;
        // A 3 s pause between the speakers, for the silence cutter.
        var bAt = aLength + 3;
        var total = bAt + bLength + 1;
        var trackA = Path.Combine(_folder, "speaker-a.wav");
        var trackB = Path.Combine(_folder, "speaker-b.wav");
        await SpokenTimeline.WriteAsync(trackA, [(a, 0, 0), (b, bAt, -18)], total, noiseAmplitude: 0, token);
        await SpokenTimeline.WriteAsync(trackB, [(b, bAt, 0), (a, 0, -18)], total, noiseAmplitude: 0, token);

        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (createdStatus, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", """
            {
                "multi_input_files": [
                    {"type": "multitrack", "id": "speaker a", "algorithms": {"denoise": false}},
                    {"type": "multitrack", "id": "speaker b", "algorithms": {"backforeground": "foreground"}}
                ],
                "metadata": {"title": "My first Multitrack Production"},
                "output_files": [{"format": "wav"}, {"format": "tracks", "ending": "wav.zip"}],
                "algorithms": {"loudnesstarget": -23, "leveler": true, "gate": true, "crossgate": true, "silence_cutter": true},
                "speech_recognition": {"language": "en", "keywords": ["ocean", "great"]},
                "is_multitrack": true
            }
            """, token);
        Assert.True(createdStatus == HttpStatusCode.OK, created.ToString());
        var uuid = Uuid(created);
        var (uploadStatus, uploaded) = await SendFormAsync(alice, $"/api/production/{uuid}/upload.json", token, ("speaker a", "@" + trackA), ("speaker b", "@" + trackB));
        Assert.True(uploadStatus == HttpStatusCode.OK, uploaded.ToString());
        await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, token);

        var production = await WaitForEndAsync(alice, uuid, token);
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());
        var files = production.GetProperty("output_files").EnumerateArray().ToList();
        var mixdown = await DownloadAsync(alice, files[0].GetProperty("download_url").GetString()!, _folder, token);
        var loudness = await Meter.MeasureAsync(mixdown, null, token);
        output.WriteLine($"mixdown {loudness.IntegratedLoudness:0.00} LUFS");
        Assert.InRange(loudness.IntegratedLoudness, -23.5, -22.5);

        Assert.False(production.TryGetProperty("warning_message", out var warning) && warning.GetString() is { Length: > 0 }, warning.ToString());
        var mixLength = (await FfmpegTools.Prober().ProbeAsync(mixdown, cancellationToken: token)).Duration!.Value.TotalSeconds;
        output.WriteLine($"{total:0.00} s → mixdown {mixLength:0.00} s");
        Assert.InRange(total - mixLength, 2, 3.5);

        // The transcript's times are the mixdown's, after the cut: B's keyword comes the cut earlier than B spoke it.
        var keywords = production.GetProperty("transcript").GetProperty("keywords").EnumerateArray()
            .Select(hit => (Keyword: hit.GetProperty("keyword").GetString(), Start: hit.GetProperty("start").GetDouble())).ToList();
        output.WriteLine(production.GetProperty("transcript").GetProperty("text").GetString());
        output.WriteLine(string.Join("; ", keywords.Select(hit => $"{hit.Keyword} at {hit.Start:0.00} s")));
        Assert.Contains(keywords, hit => hit.Keyword == "ocean" && hit.Start < aLength);
        var bCut = bAt - (total - mixLength);
        Assert.Contains(keywords, hit => hit.Keyword == "great" && hit.Start > bCut && hit.Start < bCut + 2.5);
        Assert.Contains(files, file => file.GetProperty("filename").GetString()!.EndsWith(".vtt", StringComparison.Ordinal));

        var zip = await DownloadAsync(alice, files[1].GetProperty("download_url").GetString()!, _folder, token);
        Assert.EndsWith(".wav.zip", zip, StringComparison.Ordinal);
        var tracksFolder = Directory.CreateDirectory(Path.Combine(_folder, "tracks")).FullName;
        ZipFile.ExtractToDirectory(zip, tracksFolder);
        var extracted = Directory.GetFiles(tracksFolder).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, extracted.Count);
        var mixSamples = await SampleCount.ReadAsync(mixdown, token);
        foreach (var track in extracted)
        {
            Assert.Equal(mixSamples, await SampleCount.ReadAsync(track, token));
        }

        // Speaker A's processed track during B's turn (in the cut tracks, the cut earlier): the bleed drops at least 20 dB.
        var before = await SpeechLikeAudio.RmsLevelAsync(trackA, string.Create(CultureInfo.InvariantCulture, $"atrim={bAt + 0.3}:{bAt + bLength - 0.3}"), token);
        Assert.Equal(["speaker_a.wav", "speaker_b.wav"], extracted.Select(Path.GetFileName));
        var after = await SpeechLikeAudio.RmsLevelAsync(extracted[0], string.Create(CultureInfo.InvariantCulture, $"atrim={bCut + 0.3}:{bCut + bLength - 0.3}"), token);
        output.WriteLine($"speaker a's track during b's turn: {before:0.0} → {after:0.0} dBFS");
        Assert.True(before - after >= 20, $"the bleed dropped only {before - after:0.0} dB");
    }

    /// <summary>Where sentence <paramref name="index"/> starts once each long pause before it is cut down (to about 0.5 s).</summary>
    private static double CutStart(List<double> starts, List<double> pauses, int index) =>
        starts[index] - pauses.Take(index).Where(pause => pause >= PauseSeconds).Sum(pause => pause - 0.5);
}
