using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Azure.Storage.Blobs.Models;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Testing;
using MediaFunctions.Testing.Media;
using MediaFunctions.Testing.Servers;
using static MediaFunctions.Testing.Api.AuphonicApi;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>
/// Productions run end to end over HTTP as the reference document's requests run them, against the real host, Azurite
/// and the service's ffmpeg; every result is downloaded through its <c>download_url</c> and measured.
/// </summary>
public sealed class AuphonicProductionRunTests(ProductionHostFixture fixture) : IClassFixture<ProductionHostFixture>, IDisposable
{
    private static readonly LoudnessAnalyser Meter = new(FfmpegTools.Runner());

    private readonly string _downloads = Directory.CreateTempSubdirectory("mf-production-downloads-").FullName;

    public void Dispose() => Directory.Delete(_downloads, recursive: true);

    [Fact]
    public async Task StreamProductionEvents_StartedProduction_StatusEventsThenDoneEqualToGet()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        using var bob = fixture.ClientFor(ProductionHostFixture.BobKey);
        var (_, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json",
            $$"""{"input_file": "{{fixture.UrlOf(fixture.Speech)}}", "output_files": [{"format": "mp3"}], "action": "start"}""", token);
        var uuid = Uuid(created);
        var (missingStatus, missing) = await JobApi.GetAsync(bob, $"/api/production/{uuid}/events", token);
        AssertErrorEnvelope(HttpStatusCode.NotFound, missingStatus, missing);

        var events = await EventStreamApi.ReadAllAsync(alice, $"/api/production/{uuid}/events", token);

        Assert.All(events.SkipLast(1), e => Assert.Equal("progress", e.Name));
        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        var done = events[^1];
        Assert.Equal("done", done.Name);
        var (_, production) = await SendJsonAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, token);
        Assert.Equal(3, production.GetProperty("data").GetProperty("status").GetInt32());
        Assert.Equal(production.GetRawText(), done.Data.GetRawText());
    }

    [Fact]
    public async Task JsonApi_CreateUploadStart_DoneWithEveryFileAtItsLoudnessFormatAndTags()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (_, preset) = await SendJsonAsync(alice, HttpMethod.Post, "/api/presets.json", """
            {
                "preset_name": "Podcast",
                "output_files": [{"format": "mp3", "bitrate": "96"}, {"format": "aac", "bitrate": "64"}, {"format": "flac"}],
                "algorithms": {"filtering": true, "normloudness": true, "loudnesstarget": -23, "maxpeak": -2}
            }
            """, token);

        // Step 1: create, with the preset.
        var (createdStatus, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", $$"""
            {
                "preset": "{{Uuid(preset)}}",
                "metadata": {"title": "My first Production", "artist": "The Artist", "album": "Our Album", "track": 1, "year": 2012, "genre": "Podcast"}
            }
            """, token);
        Assert.True(createdStatus == HttpStatusCode.OK, created.ToString());
        var uuid = Uuid(created);
        Assert.Equal(9, created.GetProperty("data").GetProperty("status").GetInt32());

        // Step 2: upload the local file.
        var (uploadStatus, uploaded) = await SendFormAsync(alice, $"/api/production/{uuid}/upload.json", token, ("input_file", "@" + fixture.Speech));
        Assert.True(uploadStatus == HttpStatusCode.OK, uploaded.ToString());
        Assert.Equal("episode.wav", uploaded.GetProperty("data").GetProperty("input_file").GetString());
        Assert.Equal(10, uploaded.GetProperty("data").GetProperty("status").GetInt32());

        // Step 3: start.
        var (startStatus, started) = await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, token);
        Assert.True(startStatus == HttpStatusCode.OK, started.ToString());
        Assert.Equal("Waiting", started.GetProperty("data").GetProperty("status_string").GetString());

        var production = await WaitForEndAsync(alice, uuid, token);
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());
        Assert.Equal("", production.GetProperty("error_message").GetString());
        Assert.Equal(ProductionHostFixture.SpeechSeconds, production.GetProperty("length").GetDouble(), 0.05);
        var files = production.GetProperty("output_files").EnumerateArray().ToList();
        Assert.Equal(["episode.mp3", "episode.m4a", "episode.flac"], files.Select(file => file.GetProperty("filename").GetString()));
        foreach (var (file, codec) in files.Zip(["mp3", "aac", "flac"]))
        {
            var path = await DownloadAsync(alice, file.GetProperty("download_url").GetString()!, _downloads, token);
            Assert.Equal(new FileInfo(path).Length, file.GetProperty("size").GetInt64());
            var probe = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: token);
            Assert.Equal(codec, probe.PrimaryAudioStream!.CodecName);
            Assert.Equal(ProductionHostFixture.SpeechSeconds, probe.Duration!.Value.TotalSeconds, 0.1);
            Assert.Equal(file.GetProperty("duration").GetDouble(), probe.Duration!.Value.TotalSeconds, 0.1);
            var loudness = await Meter.MeasureAsync(path, null, token);
            Assert.True(Math.Abs(loudness.IntegratedLoudness - -23) <= 0.5, $"{codec}: {loudness.IntegratedLoudness} LUFS");
            Assert.True(loudness.TruePeak <= -2, $"{codec}: true peak {loudness.TruePeak} dBTP");
            var tags = (await TaggedFileProbe.ReadAsync(path, token)).Tags;
            Assert.Equal("My first Production", tags["title"]);
            Assert.Equal("The Artist", tags["artist"]);
            Assert.Equal("Our Album", tags["album"]);
        }

        var mp3 = await FfmpegTools.Prober().ProbeAsync(Path.Combine(_downloads, "episode.mp3"), cancellationToken: token);
        Assert.InRange(mp3.PrimaryAudioStream!.BitRate!.Value, 90_000, 100_000);
        var m4a = await FfmpegTools.Prober().ProbeAsync(Path.Combine(_downloads, "episode.m4a"), cancellationToken: token);
        Assert.InRange(m4a.PrimaryAudioStream!.BitRate!.Value, 50_000, 70_000);

        // Filtering: the hum and rumble, each 20 dB under the voice in the input, are ≥ 20 dB further under it (lossless output).
        var flac = Path.Combine(_downloads, "episode.flac");
        Assert.True(await UnderVoiceAsync(flac, 50) - await UnderVoiceAsync(fixture.Speech, 50) >= 20, "50 Hz hum not removed");
        Assert.True(await UnderVoiceAsync(flac, 30) - await UnderVoiceAsync(fixture.Speech, 30) >= 20, "30 Hz rumble not removed");
    }

    [Fact]
    public async Task SimpleApi_UrlInputChaptersFileAndImage_StartedAndWrittenIntoTheFiles()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (_, preset) = await SendJsonAsync(alice, HttpMethod.Post, "/api/presets.json",
            """{"preset_name": "Chaptered", "output_files": [{"format": "mp3"}, {"format": "aac"}, {"format": "opus"}]}""", token);
        var chapters = Path.Combine(_downloads, "chapters.txt");
        await File.WriteAllTextAsync(chapters, "00:00:00.000 Intro1 <http://url1.com>\n00:00:04.000 Baby prepares to rock\n00:00:07.500 End <http://url2.at/ha>\n", token);

        var (status, answer) = await SendFormAsync(alice, "/api/simple/productions.json", token,
            ("preset", Uuid(preset)),
            ("title", "My First HTTP Production"),
            ("artist", "The Artist"),
            ("tags", "podcast, auphonic api, metadata"),
            ("loudnesstarget", "-16"),
            ("input_file", fixture.UrlOf(fixture.Speech).AbsoluteUri),
            ("chapters", "@" + chapters),
            ("image", "@" + fixture.Cover),
            ("action", "start"));

        Assert.True(status == HttpStatusCode.OK, answer.ToString());
        var production = await WaitForEndAsync(alice, Uuid(answer), token);
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());
        Assert.Equal(["Intro1", "Baby prepares to rock", "End"], production.GetProperty("chapters").EnumerateArray().Select(chapter => chapter.GetProperty("title").GetString()));
        foreach (var file in production.GetProperty("output_files").EnumerateArray())
        {
            var path = await DownloadAsync(alice, file.GetProperty("download_url").GetString()!, _downloads, token);
            var probe = await TaggedFileProbe.ReadAsync(path, token);
            Assert.Equal("My First HTTP Production", probe.Tags["title"]);
            var loudness = await Meter.MeasureAsync(path, null, token);
            Assert.True(Math.Abs(loudness.IntegratedLoudness - -16) <= 0.5, $"{path}: {loudness.IntegratedLoudness} LUFS");
            Assert.Equal(["Intro1", "Baby prepares to rock", "End"], probe.Chapters.Select(chapter => chapter.Title));
            Assert.Equal([0, 4, 7.5], probe.Chapters.Select(chapter => Math.Round(chapter.Start, 2)));
            if (file.GetProperty("format").GetString() is "mp3" or "aac")
            {
                Assert.Contains(probe.Streams, stream => stream.IsAttachedPicture);
            }
        }
    }

    [Fact]
    public async Task IntroAndOutro_JoinedToTheMainAudio_EachAtTheProductionsLoudness()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (status, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", $$"""
            {
                "input_file": "{{fixture.UrlOf(fixture.Speech)}}",
                "multi_input_files": [
                    {"input_file": "{{fixture.UrlOf(fixture.Intro)}}", "type": "intro"},
                    {"input_file": "{{fixture.UrlOf(fixture.Outro)}}", "type": "outro"}
                ],
                "output_files": [{"format": "wav"}],
                "algorithms": {"loudnesstarget": -20, "maxpeak": -1},
                "action": "start"
            }
            """, token);
        Assert.True(status == HttpStatusCode.OK, created.ToString());

        var production = await WaitForEndAsync(alice, Uuid(created), token);
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());
        var path = await DownloadAsync(alice, production.GetProperty("output_files")[0].GetProperty("download_url").GetString()!, _downloads, token);
        var probe = await FfmpegTools.Prober().ProbeAsync(path, cancellationToken: token);
        const double total = ProductionHostFixture.IntroSeconds + ProductionHostFixture.SpeechSeconds + ProductionHostFixture.OutroSeconds;
        Assert.Equal(total, probe.Duration!.Value.TotalSeconds, 0.1);
        foreach (var (start, end, part) in new[]
        {
            (0.0, ProductionHostFixture.IntroSeconds, "intro"),
            (ProductionHostFixture.IntroSeconds, ProductionHostFixture.IntroSeconds + ProductionHostFixture.SpeechSeconds, "main"),
            (ProductionHostFixture.IntroSeconds + ProductionHostFixture.SpeechSeconds, total, "outro"),
        })
        {
            // A few tenths inside each part, so the measure is of that part alone.
            var trim = string.Create(CultureInfo.InvariantCulture, $"atrim=start={start + 0.2}:end={end - 0.2}");
            var loudness = await Meter.MeasureAsync(path, trim, token);
            Assert.True(Math.Abs(loudness.IntegratedLoudness - -20) <= 0.5, $"{part}: {loudness.IntegratedLoudness} LUFS");
        }
    }

    [Fact]
    public async Task Services_InputAndIntroFromAnHttpServiceFilesSentToAnS3Service()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (_, http) = await SendJsonAsync(alice, HttpMethod.Post, "/api/services.json",
            $$"""{"type": "http", "display_name": "Our server", "base_url": "{{fixture.Origin.Url("")}}", "outgoing": false}""", token);
        var prefix = $"show-{Guid.NewGuid():N}/";
        var (s3Status, s3) = await SendJsonAsync(alice, HttpMethod.Post, "/api/services.json", new JsonObject
        {
            ["type"] = "s3",
            ["display_name"] = "Podcast host",
            ["endpoint"] = fixture.S3.Endpoint.AbsoluteUri,
            ["bucket"] = S3rverFixture.Bucket,
            ["region"] = "us-east-1",
            ["access_key"] = S3rverFixture.AccessKey,
            ["secret_key"] = S3rverFixture.SecretKey,
            ["prefix"] = prefix,
            ["incoming"] = false,
        }.ToJsonString(), token);
        Assert.True(s3Status == HttpStatusCode.OK, s3.ToString());
        var (_, listed) = await SendJsonAsync(alice, HttpMethod.Get, "/api/services.json", null, token);
        Assert.Contains(listed.GetProperty("data").EnumerateArray(), service => service.GetProperty("uuid").GetString() == Uuid(http));

        var (status, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", $$"""
            {
                "service": "{{Uuid(http)}}",
                "input_file": "episode.wav",
                "multi_input_files": [{"service": "{{Uuid(http)}}", "input_file": "intro.wav", "type": "intro"}],
                "output_files": [{"format": "mp3", "bitrate": "128"}, {"format": "aac", "bitrate": "64"}],
                "outgoing_services": [{"uuid": "{{Uuid(s3)}}"}],
                "action": "start"
            }
            """, token);
        Assert.True(status == HttpStatusCode.OK, created.ToString());

        var production = await WaitForEndAsync(alice, Uuid(created), token);
        Assert.True(production.GetProperty("status").GetInt32() == 3, production.ToString());
        Assert.Equal("", production.GetProperty("warning_message").GetString());
        using var bucket = new AmazonS3Client(S3rverFixture.AccessKey, S3rverFixture.SecretKey,
            new AmazonS3Config { ServiceURL = fixture.S3.Endpoint.AbsoluteUri, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        foreach (var file in production.GetProperty("output_files").EnumerateArray())
        {
            var key = prefix + file.GetProperty("filename").GetString();
            using var sent = await bucket.GetObjectAsync(S3rverFixture.Bucket, key, token);
            Assert.Equal(file.GetProperty("size").GetInt64(), sent.ContentLength);
            var local = Path.Combine(_downloads, Path.GetFileName(key));
            await sent.WriteResponseStreamToFileAsync(local, append: false, token);
            var probe = await FfmpegTools.Prober().ProbeAsync(local, cancellationToken: token);
            Assert.Equal(ProductionHostFixture.IntroSeconds + ProductionHostFixture.SpeechSeconds, probe.Duration!.Value.TotalSeconds, 0.1);
        }
    }

    [Fact]
    public async Task Services_UnknownServiceOrOneThatCannotReceive_400BeforeAnyWork()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var token = timeout.Token;
        using var bob = fixture.ClientFor(ProductionHostFixture.BobKey);
        var (_, http) = await SendJsonAsync(bob, HttpMethod.Post, "/api/services.json",
            $$"""{"type": "http", "display_name": "Read only", "base_url": "{{fixture.Origin.Url("")}}", "outgoing": false}""", token);
        var before = await CountAsync(bob, token);

        var (unknown, unknownAnswer) = await SendJsonAsync(bob, HttpMethod.Post, "/api/productions.json",
            """{"service": "pmefeNCzkyT4TbRbDmoCDf", "input_file": "my_dropbox_file.mp3", "action": "start"}""", token);
        var (readOnly, readOnlyAnswer) = await SendJsonAsync(bob, HttpMethod.Post, "/api/productions.json",
            $$"""{"input_file": "{{fixture.UrlOf(fixture.Speech)}}", "outgoing_services": [{"uuid": "{{Uuid(http)}}"}], "action": "start"}""", token);

        Assert.True(unknown == HttpStatusCode.BadRequest, unknownAnswer.ToString());
        Assert.True(unknownAnswer.GetProperty("form_errors").TryGetProperty("service", out _), unknownAnswer.ToString());
        Assert.True(readOnly == HttpStatusCode.BadRequest, readOnlyAnswer.ToString());
        Assert.True(readOnlyAnswer.GetProperty("form_errors").TryGetProperty("outgoing_services", out _), readOnlyAnswer.ToString());
        Assert.Equal(before, await CountAsync(bob, token));
    }

    [Fact]
    public async Task Webhook_FormPostWithUuidStatusAndStatusString_WhenDone()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = timeout.Token;
        await using var receiver = await WebhookReceiver.StartAsync(failuresBeforeSuccess: 1, token);
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (_, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", $$"""
            {"input_file": "{{fixture.UrlOf(fixture.Speech)}}", "webhook": "{{receiver.Url}}", "action": "start"}
            """, token);
        var uuid = Uuid(created);

        var calls = await receiver.WaitForAsync(2, token);

        // The first attempt was refused by the receiver; the retry delivered the same form.
        var call = calls[^1];
        Assert.Equal("POST", call.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", call.Headers["Content-Type"], StringComparison.Ordinal);
        var form = Encoding.UTF8.GetString(call.Body).Split('&').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => Uri.UnescapeDataString(pair[1].Replace('+', ' ')));
        Assert.Equal(uuid, form["uuid"]);
        Assert.Equal("3", form["status"]);
        Assert.Equal("Done", form["status_string"]);
        Assert.Equal(Encoding.UTF8.GetString(calls[0].Body), Encoding.UTF8.GetString(call.Body));
    }

    [Fact]
    public async Task Stop_EndsTheRunAndItsFfmpeg_LeavesItSavedWithItsInputAndStartsAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (_, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", """{"output_files": [{"format": "flac"}, {"format": "mp3"}]}""", token);
        var uuid = Uuid(created);
        await SendFormAsync(alice, $"/api/production/{uuid}/upload.json", token, ("input_file", "@" + fixture.Long));
        await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, token);
        await WaitForStatusAsync(alice, uuid, [4, 5], token);
        // The status is written as each step is scheduled; its ffmpeg starts a moment later.
        while (!FfmpegTools.IsProcessRunningWith(uuid))
        {
            await Task.Delay(100, token);
        }

        var (status, stopped) = await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/stop.json", null, token);

        Assert.True(status == HttpStatusCode.OK, stopped.ToString());
        Assert.Equal(10, stopped.GetProperty("data").GetProperty("status").GetInt32());
        Assert.Equal("long.mp3", stopped.GetProperty("data").GetProperty("input_file").GetString());
        while (FfmpegTools.IsProcessRunningWith(uuid))
        {
            await Task.Delay(100, token);
        }

        var (_, after) = await SendJsonAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, token);
        Assert.Equal(10, after.GetProperty("data").GetProperty("status").GetInt32());
        Assert.False(after.GetProperty("data").GetProperty("output_files")[0].TryGetProperty("download_url", out _));
        await DeleteAsync(alice, uuid, token);
    }

    [Fact]
    public async Task ResetDataAndDelete_ResultsClearedThenEverythingGone()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        using var bob = fixture.ClientFor(ProductionHostFixture.BobKey);
        var (_, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", """{"output_files": [{"format": "mp3"}]}""", token);
        var uuid = Uuid(created);
        await SendFormAsync(alice, $"/api/production/{uuid}/upload.json", token, ("input_file", "@" + fixture.Speech));
        await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, token);
        var done = await WaitForEndAsync(alice, uuid, token);
        var downloadUrl = done.GetProperty("output_files")[0].GetProperty("download_url").GetString()!;

        // Another key gets a 404 for the file, as for the production.
        using (var bobsTry = await bob.GetAsync(new Uri(downloadUrl), token))
        {
            Assert.Equal(HttpStatusCode.NotFound, bobsTry.StatusCode);
        }

        var (resetStatus, reset) = await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}.json",
            """{"reset_data": true, "metadata": {"title": "New Title"}, "output_files": [{"format": "flac"}]}""", token);
        Assert.True(resetStatus == HttpStatusCode.OK, reset.ToString());
        Assert.Equal(10, reset.GetProperty("data").GetProperty("status").GetInt32());
        Assert.Equal("episode.wav", reset.GetProperty("data").GetProperty("input_file").GetString());
        using (var gone = await alice.GetAsync(new Uri(downloadUrl), token))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Empty(await BlobsAsync("outputs", uuid, token));

        // The kept input runs again without a new upload.
        await SendJsonAsync(alice, HttpMethod.Post, $"/api/production/{uuid}/start.json", null, token);
        var again = await WaitForEndAsync(alice, uuid, token);
        Assert.Equal("episode.flac", again.GetProperty("output_files")[0].GetProperty("filename").GetString());

        await DeleteAsync(alice, uuid, token);
        Assert.Empty(await BlobsAsync("productions", uuid, token));
        Assert.Empty(await BlobsAsync("outputs", uuid, token));
        var (getStatus, _) = await SendJsonAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, token);
        Assert.Equal(HttpStatusCode.NotFound, getStatus);
    }

    [Fact]
    public async Task InputUrlDiesMidRead_EndsInErrorSayingSo()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var dying = Path.Combine(fixture.Folder, "dying.wav");
        File.Copy(fixture.Speech, dying, overwrite: true);
        fixture.Origin.CutOff("dying.wav", 100_000);
        var (_, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json",
            $$"""{"input_file": "{{fixture.UrlOf(dying)}}", "action": "start"}""", token);

        var production = await WaitForEndAsync(alice, Uuid(created), token);

        Assert.Equal(2, production.GetProperty("status").GetInt32());
        Assert.Equal("Error", production.GetProperty("status_string").GetString());
        var message = production.GetProperty("error_message").GetString()!;
        Assert.Contains("input_file", message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", message, StringComparison.Ordinal);
        Assert.Empty(await BlobsAsync("outputs", Uuid(created), token));
    }

    [Theory]
    [InlineData("input_file", "text", "not audio or video")]
    [InlineData("input_file", "empty", "empty")]
    [InlineData("image", "text", "not a picture")]
    [InlineData("image", "speech", "not a picture")]
    public async Task Upload_BadFile_400NamingTheFieldAndNothingKept(string field, string file, string message)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var token = timeout.Token;
        using var alice = fixture.ClientFor(ProductionHostFixture.AliceKey);
        var (_, created) = await SendJsonAsync(alice, HttpMethod.Post, "/api/productions.json", "{}", token);
        var uuid = Uuid(created);
        var path = file switch { "text" => fixture.TextFile, "empty" => fixture.EmptyFile, _ => fixture.Speech };

        var (status, answer) = await SendFormAsync(alice, $"/api/production/{uuid}/upload.json", token, (field, "@" + path));

        Assert.True(status == HttpStatusCode.BadRequest, answer.ToString());
        Assert.Equal(400, answer.GetProperty("status_code").GetInt32());
        Assert.Contains(message, answer.GetProperty("form_errors").GetProperty(field).GetString(), StringComparison.Ordinal);
        Assert.Empty(await BlobsAsync("productions", uuid, token));
        var (_, still) = await SendJsonAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, token);
        Assert.Equal(9, still.GetProperty("data").GetProperty("status").GetInt32());
        await DeleteAsync(alice, uuid, token);
    }

    [Theory]
    [InlineData("chapters", "00:00:xx Not a time\n", "chapters")]
    [InlineData("input_file", "@text", "input_file")]
    [InlineData("image", "@text", "image")]
    [InlineData("loudnesstarget", "-40", "loudnesstarget")]
    [InlineData("leveler", "maybe", "leveler")]
    [InlineData("volume", "11", "volume")]
    public async Task SimpleApi_BadField_400NamingItAndNoProductionNorFileKept(string field, string value, string named)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var token = timeout.Token;
        using var bob = fixture.ClientFor(ProductionHostFixture.BobKey);
        var before = await CountAsync(bob, token);
        var chapters = Path.Combine(_downloads, "bad-chapters.txt");
        await File.WriteAllTextAsync(chapters, value, token);
        var sent = field == "chapters" ? "@" + chapters : value == "@text" ? "@" + fixture.TextFile : value;
        (string, string)[] fields = field == "input_file"
            ? [("title", "Bad"), (field, sent), ("action", "start")]
            : [("title", "Bad"), ("input_file", "@" + fixture.Speech), (field, sent), ("action", "start")];

        var (status, answer) = await SendFormAsync(bob, "/api/simple/productions.json", token, fields);

        Assert.True(status == HttpStatusCode.BadRequest, answer.ToString());
        Assert.True(answer.GetProperty("form_errors").TryGetProperty(named, out _), answer.ToString());
        Assert.Equal(before, await CountAsync(bob, token));
        var blobs = fixture.Blobs.GetBlobContainerClient("productions");
        await foreach (var blob in blobs.GetBlobsAsync(BlobTraits.None, BlobStates.None, "bob/production-", token))
        {
            Assert.Fail($"{blob.Name} was kept.");
        }
    }

    /// <summary>How far (dB) the band around <paramref name="hz"/> is under the voice band in <paramref name="path"/>.</summary>
    private static async Task<double> UnderVoiceAsync(string path, double hz) =>
        await BandLevelAsync(path, 1230) - await BandLevelAsync(path, hz);

    private static Task<double> BandLevelAsync(string path, double hz) => SpeechLikeAudio.RmsLevelAsync(path,
        string.Join(',', Enumerable.Repeat(string.Create(CultureInfo.InvariantCulture, $"bandpass=f={hz}:width_type=q:width=5"), 3)), FfmpegTools.Timeout());

    private static async Task<int> CountAsync(HttpClient client, CancellationToken token) =>
        (await SendJsonAsync(client, HttpMethod.Get, "/api/productions.json?uuids_only=1", null, token)).Body.GetProperty("data").GetArrayLength();

    private async Task<List<string>> BlobsAsync(string container, string uuid, CancellationToken token)
    {
        var names = new List<string>();
        await foreach (var blob in fixture.Blobs.GetBlobContainerClient(container).GetBlobsAsync(BlobTraits.None, BlobStates.None, $"alice/production-{uuid}/", token))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    private static async Task DeleteAsync(HttpClient client, string uuid, CancellationToken token)
    {
        var (status, answer) = await SendJsonAsync(client, HttpMethod.Delete, $"/api/production/{uuid}.json", null, token);
        Assert.True(status == HttpStatusCode.OK, answer.ToString());
    }
}
