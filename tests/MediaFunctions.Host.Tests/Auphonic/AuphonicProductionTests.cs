using System.Net;
using System.Text.Json;
using static MediaFunctions.Testing.Api.AuphonicApi;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>The Auphonic dialect's production records over HTTP, against the real host and Azurite.</summary>
[Collection(HostCollection.Name)]
public sealed class AuphonicProductionTests(HostFixture fixture)
{
    [Fact]
    public async Task Production_FromAPresetWithOverrides_ReadBackWithPresetValuesUnderItsOwn()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        var (_, presetAnswer) = await SendAsync(alice, HttpMethod.Post, "/api/presets.json", """
            {
                "preset_name": "Show",
                "metadata": {"title": "Preset title", "artist": "The Artist", "album": "Our Album"},
                "output_files": [{"format": "mp3", "bitrate": "96"}, {"format": "flac"}],
                "algorithms": {"filtering": true, "leveler": true, "loudnesstarget": -16},
                "webhook": "https://example.com/hook"
            }
            """, timeout.Token);
        var preset = presetAnswer.GetProperty("data").GetProperty("uuid").GetString()!;

        var (status, created) = await SendAsync(alice, HttpMethod.Post, "/api/productions.json", $$"""
            {
                "preset": "{{preset}}",
                "input_file": "https://your_server.com/somefile.mp3",
                "metadata": {"title": "My first HTTP Production"},
                "algorithms": {"loudnesstarget": -23},
                "chapters": [{"start": "00:00:00", "title": "Start Chapter", "url": "http://auphonic.com"}],
                "action": "save"
            }
            """, timeout.Token);

        Assert.True(status == HttpStatusCode.OK, created.ToString());
        AssertSuccessEnvelope(created);
        var production = created.GetProperty("data");
        var uuid = production.GetProperty("uuid").GetString()!;
        Assert.Matches("^[a-zA-Z0-9]{22}$", uuid);
        Assert.NotEqual(preset, uuid);
        Assert.Equal(preset, production.GetProperty("preset").GetString());
        Assert.Equal(10, production.GetProperty("status").GetInt32());
        Assert.Equal("Production Not Started Yet", production.GetProperty("status_string").GetString());
        Assert.Equal("https://your_server.com/somefile.mp3", production.GetProperty("input_file").GetString());
        var metadata = production.GetProperty("metadata");
        Assert.Equal("My first HTTP Production", metadata.GetProperty("title").GetString());
        Assert.Equal("The Artist", metadata.GetProperty("artist").GetString());
        Assert.Equal("Our Album", metadata.GetProperty("album").GetString());
        Assert.Equal(-23, production.GetProperty("algorithms").GetProperty("loudnesstarget").GetDouble());
        Assert.True(production.GetProperty("algorithms").GetProperty("leveler").GetBoolean());
        Assert.Equal(["mp3", "flac"], production.GetProperty("output_files").EnumerateArray().Select(file => file.GetProperty("format").GetString()));
        Assert.Equal("https://example.com/hook", production.GetProperty("webhook").GetString());
        Assert.Equal("Start Chapter", Assert.Single(production.GetProperty("chapters").EnumerateArray()).GetProperty("title").GetString());
        Assert.False(production.GetProperty("is_multitrack").GetBoolean());
        Assert.Equal(JsonValueKind.Array, production.GetProperty("multi_input_files").ValueKind);
        Assert.Equal(JsonValueKind.Null, production.GetProperty("speech_recognition").ValueKind);
        Assert.Equal(JsonValueKind.Array, production.GetProperty("outgoing_services").ValueKind);
        Assert.Equal("", production.GetProperty("output_basename").GetString());
        Assert.True(DateTimeOffset.TryParse(production.GetProperty("creation_time").GetString(), out var createdAt), production.ToString());
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(production.GetProperty("creation_time").GetString(), production.GetProperty("change_time").GetString());

        var (getStatus, got) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        AssertSuccessEnvelope(got);
        Assert.Equal(production.ToString(), got.GetProperty("data").ToString());

        // The preset changing afterwards does not change the production: it took the preset's values when it was made.
        await SendAsync(alice, HttpMethod.Post, $"/api/preset/{preset}.json", """{"metadata": {"artist": "Someone else"}}""", timeout.Token);
        var (_, after) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.Equal("The Artist", after.GetProperty("data").GetProperty("metadata").GetProperty("artist").GetString());
    }

    [Fact]
    public async Task Production_StatusJson_IncompleteWithoutInputAndNotStartedOnceItHasOne()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        var (_, created) = await SendAsync(alice, HttpMethod.Post, "/api/productions.json", """{"metadata": {"title": "My first Production"}}""", timeout.Token);
        var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;

        var (status, incomplete) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}/status.json", null, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertSuccessEnvelope(incomplete);
        Assert.Equal(uuid, incomplete.GetProperty("data").GetProperty("uuid").GetString());
        Assert.Equal(9, incomplete.GetProperty("data").GetProperty("status").GetInt32());
        Assert.Equal("Incomplete", incomplete.GetProperty("data").GetProperty("status_string").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("data").GetProperty("input_file").ValueKind);

        await SendAsync(alice, HttpMethod.Post, $"/api/production/{uuid}.json", """{"input_file": "https://example.com/episode.mp3"}""", timeout.Token);
        var (_, ready) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}/status.json", null, timeout.Token);

        Assert.Equal(10, ready.GetProperty("data").GetProperty("status").GetInt32());
        Assert.Equal("Production Not Started Yet", ready.GetProperty("data").GetProperty("status_string").GetString());
    }

    [Fact]
    public async Task Productions_List_LimitOffsetUuidsOnlyMinimalData_NewestFirst()
    {
        using var timeout = InstanceApi.Timeout();
        using var carol = fixture.AnonymousClient();
        var made = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (status, created) = await SendAsync(carol, HttpMethod.Post, "/api/productions.json",
                $$"""{"metadata": {"title": "Episode {{i}}", "artist": "Carol"}, "output_files": [{"format": "mp3"}]}""", timeout.Token, HostFixture.CarolKey);
            Assert.True(status == HttpStatusCode.OK, created.ToString());
            made.Add(created.GetProperty("data").GetProperty("uuid").GetString()!);
        }

        var (_, all) = await SendAsync(carol, HttpMethod.Get, "/api/productions.json", null, timeout.Token, HostFixture.CarolKey);
        var listed = all.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("uuid").GetString()!).ToList();
        // Newest first: the three just made lead the list, the last one made first.
        var ours = listed.Where(made.Contains).ToList();
        Assert.Equal(Enumerable.Reverse(made), ours);
        Assert.Equal("Carol", all.GetProperty("data")[0].GetProperty("metadata").GetProperty("artist").GetString());

        var (_, uuidsOnly) = await SendAsync(carol, HttpMethod.Get, "/api/productions.json?uuids_only=1", null, timeout.Token, HostFixture.CarolKey);
        Assert.Equal(listed, uuidsOnly.GetProperty("data").EnumerateArray().Select(item => item.GetString()!));

        var (_, page) = await SendAsync(carol, HttpMethod.Get, "/api/productions.json?uuids_only=true&limit=2&offset=1", null, timeout.Token, HostFixture.CarolKey);
        Assert.Equal(listed.Skip(1).Take(2), page.GetProperty("data").EnumerateArray().Select(item => item.GetString()!));

        var (_, beyond) = await SendAsync(carol, HttpMethod.Get, $"/api/productions.json?offset={listed.Count}", null, timeout.Token, HostFixture.CarolKey);
        Assert.Equal(0, beyond.GetProperty("data").GetArrayLength());

        var (_, minimal) = await SendAsync(carol, HttpMethod.Get, "/api/productions.json?minimal_data=1&limit=1", null, timeout.Token, HostFixture.CarolKey);
        var first = Assert.Single(minimal.GetProperty("data").EnumerateArray());
        Assert.Equal(["uuid", "status", "status_string", "metadata", "creation_time"], first.EnumerateObject().Select(property => property.Name));
        Assert.Equal(listed[0], first.GetProperty("uuid").GetString());
        Assert.Equal(["title"], first.GetProperty("metadata").EnumerateObject().Select(property => property.Name));
        Assert.Equal(9, first.GetProperty("status").GetInt32());

        var (badStatus, bad) = await SendAsync(carol, HttpMethod.Get, "/api/productions.json?limit=many", null, timeout.Token, HostFixture.CarolKey);
        AssertErrorEnvelope(HttpStatusCode.BadRequest, badStatus, bad);
        Assert.Equal(["limit"], bad.GetProperty("form_errors").EnumerateObject().Select(error => error.Name));
    }

    [Fact]
    public async Task Production_UpdateMergesAndResetDataClearsAllButTheInput_ThenDelete()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        var (_, created) = await SendAsync(alice, HttpMethod.Post, "/api/productions.json", """
            {"input_file": "http://auphonic.com/myfile.flac", "metadata": {"album": "Album", "artist": "My Artist", "track": 99},
             "output_files": [{"format": "aac", "bitrate": 128}, {"format": "vorbis", "bitrate": 64}]}
            """, timeout.Token);
        var data = created.GetProperty("data");
        var uuid = data.GetProperty("uuid").GetString()!;

        var (updateStatus, updated) = await SendAsync(alice, HttpMethod.Post, $"/api/production/{uuid}.json",
            """{"metadata": {"title": "New Title", "track": 2}}""", timeout.Token);
        Assert.True(updateStatus == HttpStatusCode.OK, updated.ToString());
        var merged = updated.GetProperty("data").GetProperty("metadata");
        Assert.Equal("New Title", merged.GetProperty("title").GetString());
        Assert.Equal(2, merged.GetProperty("track").GetInt32());
        Assert.Equal("My Artist", merged.GetProperty("artist").GetString());
        Assert.Equal(2, updated.GetProperty("data").GetProperty("output_files").GetArrayLength());
        Assert.Equal(data.GetProperty("creation_time").GetString(), updated.GetProperty("data").GetProperty("creation_time").GetString());

        var (resetStatus, reset) = await SendAsync(alice, HttpMethod.Post, $"/api/production/{uuid}.json",
            """{"reset_data": true, "metadata": {"title": "Production Title"}, "output_files": [{"format": "flac"}]}""", timeout.Token);
        Assert.True(resetStatus == HttpStatusCode.OK, reset.ToString());
        var afterReset = reset.GetProperty("data");
        Assert.Equal(["title"], afterReset.GetProperty("metadata").EnumerateObject().Select(property => property.Name));
        Assert.Equal("flac", Assert.Single(afterReset.GetProperty("output_files").EnumerateArray()).GetProperty("format").GetString());
        Assert.Equal("http://auphonic.com/myfile.flac", afterReset.GetProperty("input_file").GetString());
        Assert.Equal(10, afterReset.GetProperty("status").GetInt32());
        var (_, reread) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.Equal(afterReset.ToString(), reread.GetProperty("data").ToString());

        var (deleteStatus, deleted) = await SendAsync(alice, HttpMethod.Delete, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        AssertSuccessEnvelope(deleted);
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("data").ValueKind);
        foreach (var path in new[] { $"/api/production/{uuid}.json", $"/api/production/{uuid}/status.json" })
        {
            var (goneStatus, gone) = await SendAsync(alice, HttpMethod.Get, path, null, timeout.Token);
            AssertErrorEnvelope(HttpStatusCode.NotFound, goneStatus, gone);
        }

        var (_, list) = await SendAsync(alice, HttpMethod.Get, "/api/productions.json?uuids_only=1", null, timeout.Token);
        Assert.DoesNotContain(list.GetProperty("data").EnumerateArray(), item => item.GetString() == uuid);
    }

    [Fact]
    public async Task Production_OfAnotherKey_404EverywhereAndUnchanged()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        using var bob = fixture.AnonymousClient();
        var (_, created) = await SendAsync(alice, HttpMethod.Post, "/api/productions.json", """{"metadata": {"title": "Mine"}}""", timeout.Token);
        var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;

        foreach (var (method, path, body) in new[]
        {
            (HttpMethod.Get, $"/api/production/{uuid}.json", (string?)null),
            (HttpMethod.Get, $"/api/production/{uuid}/status.json", null),
            (HttpMethod.Post, $"/api/production/{uuid}.json", """{"metadata": {"title": "Bob's now"}}"""),
            (HttpMethod.Delete, $"/api/production/{uuid}.json", null),
        })
        {
            var (status, answer) = await SendAsync(bob, method, path, body, timeout.Token, HostFixture.BobKey);
            AssertErrorEnvelope(HttpStatusCode.NotFound, status, answer);
            Assert.Contains(uuid, answer.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        }

        var (_, bobsList) = await SendAsync(bob, HttpMethod.Get, "/api/productions.json?uuids_only=1", null, timeout.Token, HostFixture.BobKey);
        Assert.DoesNotContain(bobsList.GetProperty("data").EnumerateArray(), item => item.GetString() == uuid);
        var (aliceStatus, still) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, aliceStatus);
        Assert.Equal("Mine", still.GetProperty("data").GetProperty("metadata").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Production_PresetOfAnotherKey_400NamingPreset()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        using var bob = fixture.AnonymousClient();
        var (_, bobsPreset) = await SendAsync(bob, HttpMethod.Post, "/api/presets.json", """{"preset_name": "Bob's"}""", timeout.Token, HostFixture.BobKey);
        var preset = bobsPreset.GetProperty("data").GetProperty("uuid").GetString()!;

        var (status, body) = await SendAsync(alice, HttpMethod.Post, "/api/productions.json", $$"""{"preset": "{{preset}}"}""", timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        Assert.Equal(["preset"], body.GetProperty("form_errors").EnumerateObject().Select(error => error.Name));
    }

    [Theory]
    [InlineData("""{"preset": "ceigtvDv8jH6NaK52Z5eXH", "metadata": {"title": "t"}}""", "preset")]
    [InlineData("""{"input_file": "ftp://your_server.com/somefile.mp3"}""", "input_file")]
    [InlineData("""{"input_file": "not a url"}""", "input_file")]
    [InlineData("""{"metadata": {"title": "No input yet"}, "action": "start"}""", "input_file")]
    [InlineData("""{"input_file": "https://your_server.com/somefile.mp3", "is_multitrack": true, "action": "start"}""", "multi_input_files")]
    [InlineData("""{"multi_input_files": [{"type": "multitrack", "id": "speech track"}], "is_multitrack": true, "action": "start"}""", "multi_input_files")]
    [InlineData("""{"input_file": "https://your_server.com/somefile.mp3", "chapters": [{"start": "00:01:00", "title": "B"}, {"start": "00:00:10", "title": "A"}], "action": "start"}""", "chapters")]
    [InlineData("""{"input_file": "https://your_server.com/somefile.mp4", "output_files": [{"format": "video"}], "algorithms": {"silence_cutter": true}, "action": "start"}""", "output_files")]
    [InlineData("""{"action": "publish"}""", "action")]
    [InlineData("""{"algorithms": {"loudnesstarget": -40}}""", "loudnesstarget")]
    public async Task Production_BadField_400NamingItAndNothingStored(string json, string field)
    {
        using var timeout = InstanceApi.Timeout();
        using var dave = fixture.AnonymousClient();
        var (_, before) = await SendAsync(dave, HttpMethod.Get, "/api/productions.json?uuids_only=1", null, timeout.Token, HostFixture.BobKey);

        var (status, body) = await SendAsync(dave, HttpMethod.Post, "/api/productions.json", json, timeout.Token, HostFixture.BobKey);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        var formErrors = body.GetProperty("form_errors");
        Assert.Equal([field], formErrors.EnumerateObject().Select(error => error.Name));
        Assert.False(string.IsNullOrWhiteSpace(formErrors.GetProperty(field).GetString()));
        var (_, after) = await SendAsync(dave, HttpMethod.Get, "/api/productions.json?uuids_only=1", null, timeout.Token, HostFixture.BobKey);
        Assert.Equal(before.GetProperty("data").ToString(), after.GetProperty("data").ToString());
    }

    [Fact]
    public async Task Production_StartActionOnUpdateWithoutInput_400NamingInputFileAndNothingChanged()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        var (_, created) = await SendAsync(alice, HttpMethod.Post, "/api/productions.json", """{"metadata": {"title": "Saved"}}""", timeout.Token);
        var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;

        var (status, body) = await SendAsync(alice, HttpMethod.Post, $"/api/production/{uuid}.json",
            """{"metadata": {"title": "Changed"}, "action": "start"}""", timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        Assert.Contains("no input", body.GetProperty("form_errors").GetProperty("input_file").GetString(), StringComparison.Ordinal);
        var (_, still) = await SendAsync(alice, HttpMethod.Get, $"/api/production/{uuid}.json", null, timeout.Token);
        Assert.Equal("Saved", still.GetProperty("data").GetProperty("metadata").GetProperty("title").GetString());
        Assert.Equal(9, still.GetProperty("data").GetProperty("status").GetInt32());
    }

    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json,
        CancellationToken cancellationToken, string key = HostFixture.AliceKey) => AuphonicApi.SendJsonAsync(client, method, path, json, cancellationToken, key);
}
