using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using static MediaFunctions.Testing.Api.AuphonicApi;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>The Auphonic dialect's presets over HTTP, against the real host and Azurite, with each way of sending the key.</summary>
[Collection(HostCollection.Name)]
public sealed class AuphonicPresetTests(HostFixture fixture)
{
    public static TheoryData<string> CredentialForms => ["bearer", "BEARER", "Bearer", "bearer_token", "basic"];

    [Theory]
    [MemberData(nameof(CredentialForms))]
    public async Task Preset_CreateListGetUpdateDelete_EachCredentialForm(string form)
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();
        var name = $"Podcast {form} {Guid.NewGuid():N}";

        var (status, created) = await SendAsync(client, form, HttpMethod.Post, "/api/presets.json", $$"""
            {
                "preset_name": "{{name}}",
                "metadata": {"title": "Episode", "artist": "The Artist", "track": 1, "tags": ["podcast", "api"]},
                "output_files": [{"format": "mp3", "bitrate": "96"}, {"format": "flac"}],
                "algorithms": {"filtering": true, "leveler": true, "normloudness": true, "loudnesstarget": -23, "denoiseamount": 12}
            }
            """, timeout.Token);

        Assert.True(status == HttpStatusCode.OK, created.ToString());
        AssertSuccessEnvelope(created);
        var preset = created.GetProperty("data");
        var uuid = preset.GetProperty("uuid").GetString()!;
        Assert.Matches("^[a-zA-Z0-9]{22}$", uuid);
        Assert.Equal(name, preset.GetProperty("preset_name").GetString());
        Assert.True(DateTimeOffset.TryParse(preset.GetProperty("creation_time").GetString(), out var createdAt), preset.ToString());
        Assert.InRange(createdAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Equal(-23, preset.GetProperty("algorithms").GetProperty("loudnesstarget").GetDouble());
        Assert.Equal("96", preset.GetProperty("output_files")[0].GetProperty("bitrate").GetString());
        Assert.Equal(JsonValueKind.Array, preset.GetProperty("multi_input_files").ValueKind);

        var (listStatus, list) = await SendAsync(client, form, HttpMethod.Get, "/api/presets.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, listStatus);
        AssertSuccessEnvelope(list);
        Assert.Contains(list.GetProperty("data").EnumerateArray(), item => item.GetProperty("uuid").GetString() == uuid);

        var (getStatus, got) = await SendAsync(client, form, HttpMethod.Get, $"/api/preset/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(preset.ToString(), got.GetProperty("data").ToString());

        var (updateStatus, updated) = await SendAsync(client, form, HttpMethod.Post, $"/api/preset/{uuid}.json",
            """{"metadata": {"title": "New Title", "track": 2}, "output_files": [{"format": "opus"}]}""", timeout.Token);
        Assert.True(updateStatus == HttpStatusCode.OK, updated.ToString());
        var changed = updated.GetProperty("data");
        Assert.Equal("New Title", changed.GetProperty("metadata").GetProperty("title").GetString());
        Assert.Equal("The Artist", changed.GetProperty("metadata").GetProperty("artist").GetString());
        Assert.Equal(2, changed.GetProperty("metadata").GetProperty("track").GetInt32());
        Assert.Equal("opus", Assert.Single(changed.GetProperty("output_files").EnumerateArray()).GetProperty("format").GetString());
        Assert.Equal(-23, changed.GetProperty("algorithms").GetProperty("loudnesstarget").GetDouble());
        Assert.Equal(name, changed.GetProperty("preset_name").GetString());
        Assert.Equal(preset.GetProperty("creation_time").GetString(), changed.GetProperty("creation_time").GetString());
        var (_, reread) = await SendAsync(client, form, HttpMethod.Get, $"/api/preset/{uuid}.json", null, timeout.Token);
        Assert.Equal(changed.ToString(), reread.GetProperty("data").ToString());

        var (deleteStatus, deleted) = await SendAsync(client, form, HttpMethod.Delete, $"/api/preset/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        AssertSuccessEnvelope(deleted);
        var (goneStatus, gone) = await SendAsync(client, form, HttpMethod.Get, $"/api/preset/{uuid}.json", null, timeout.Token);
        AssertErrorEnvelope(HttpStatusCode.NotFound, goneStatus, gone);
        var (_, listAfter) = await SendAsync(client, form, HttpMethod.Get, "/api/presets.json", null, timeout.Token);
        Assert.DoesNotContain(listAfter.GetProperty("data").EnumerateArray(), item => item.GetProperty("uuid").GetString() == uuid);
    }

    [Fact]
    public async Task Preset_OfAnotherKey_404EnvelopeForEveryVerbAndUnchanged()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        using var bob = fixture.AnonymousClient();
        var (_, created) = await SendAsync(alice, "bearer", HttpMethod.Post, "/api/presets.json",
            """{"preset_name": "Alice's", "metadata": {"title": "Mine"}}""", timeout.Token);
        var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;

        foreach (var (method, body) in new[] { (HttpMethod.Get, (string?)null), (HttpMethod.Post, """{"metadata": {"title": "Bob's now"}}"""), (HttpMethod.Delete, null) })
        {
            var (status, answer) = await SendAsync(bob, "bearer", method, $"/api/preset/{uuid}.json", body, timeout.Token, HostFixture.BobKey);
            AssertErrorEnvelope(HttpStatusCode.NotFound, status, answer);
            Assert.Contains(uuid, answer.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        }

        var (_, bobsList) = await SendAsync(bob, "bearer", HttpMethod.Get, "/api/presets.json", null, timeout.Token, HostFixture.BobKey);
        Assert.DoesNotContain(bobsList.GetProperty("data").EnumerateArray(), item => item.GetProperty("uuid").GetString() == uuid);
        var (aliceStatus, still) = await SendAsync(alice, "bearer", HttpMethod.Get, $"/api/preset/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, aliceStatus);
        Assert.Equal("Mine", still.GetProperty("data").GetProperty("metadata").GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/preset/ceigtvDv8jH6NaK52Z5eXH.json")]
    [InlineData("/api/preset/not-an-id.json")]
    public async Task Preset_UnknownId_404Envelope(string path)
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();

        var (status, body) = await SendAsync(alice, "bearer", HttpMethod.Get, path, null, timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.NotFound, status, body);
    }

    [Theory]
    [InlineData("/api/presets.json")]
    [InlineData("/api/preset/ceigtvDv8jH6NaK52Z5eXH.json")]
    public async Task Preset_BadJson_400Envelope(string path)
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();

        var (status, body) = await SendAsync(alice, "bearer", HttpMethod.Post, path, """{"preset_name": """, timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        Assert.Equal("invalid_json", body.GetProperty("error_code").GetString());
    }

    [Theory]
    [InlineData("""{"preset_name": "p", "algorithms": {"loudnesstarget": -40}}""", "loudnesstarget")]
    [InlineData("""{"preset_name": "p", "output_files": [{"format": "mp3"}, {"format": "wma"}]}""", "output_files")]
    [InlineData("""{"output_files": [{"format": "mp3"}]}""", "preset_name")]
    public async Task Preset_BadField_400NamingItInFormErrorsAndNothingStored(string json, string field)
    {
        using var timeout = InstanceApi.Timeout();
        using var carol = fixture.AnonymousClient();
        var (_, before) = await SendAsync(carol, "bearer", HttpMethod.Get, "/api/presets.json", null, timeout.Token, HostFixture.CarolKey);

        var (status, body) = await SendAsync(carol, "bearer", HttpMethod.Post, "/api/presets.json", json, timeout.Token, HostFixture.CarolKey);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        var formErrors = body.GetProperty("form_errors");
        Assert.Equal([field], formErrors.EnumerateObject().Select(error => error.Name));
        Assert.False(string.IsNullOrWhiteSpace(formErrors.GetProperty(field).GetString()));
        var (_, after) = await SendAsync(carol, "bearer", HttpMethod.Get, "/api/presets.json", null, timeout.Token, HostFixture.CarolKey);
        Assert.Equal(before.GetProperty("data").GetArrayLength(), after.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Preset_BadFieldInAnUpdate_400AndThePresetUnchanged()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        var (_, created) = await SendAsync(alice, "bearer", HttpMethod.Post, "/api/presets.json",
            """{"preset_name": "Kept", "algorithms": {"loudnesstarget": -16}}""", timeout.Token);
        var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;

        var (status, body) = await SendAsync(alice, "bearer", HttpMethod.Post, $"/api/preset/{uuid}.json",
            """{"algorithms": {"loudnesstarget": -40}}""", timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        Assert.True(body.GetProperty("form_errors").TryGetProperty("loudnesstarget", out _), body.ToString());
        var (_, still) = await SendAsync(alice, "bearer", HttpMethod.Get, $"/api/preset/{uuid}.json", null, timeout.Token);
        Assert.Equal(-16, still.GetProperty("data").GetProperty("algorithms").GetProperty("loudnesstarget").GetDouble());
    }

    [Fact]
    public async Task Preset_BodyOverTheCap_413Envelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();
        // AuphonicPresetEndpoints.MaxBodyBytes is 64 KiB.
        var summary = new string('x', 64 * 1024);

        var (status, body) = await SendAsync(alice, "bearer", HttpMethod.Post, "/api/presets.json",
            $$$"""{"preset_name": "Big", "metadata": {"summary": "{{{summary}}}"}}""", timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.RequestEntityTooLarge, status, body);
    }

    [Theory]
    [InlineData("GET", "/api/presets.json")]
    [InlineData("POST", "/api/presets.json")]
    [InlineData("GET", "/api/preset/ceigtvDv8jH6NaK52Z5eXH.json")]
    [InlineData("DELETE", "/api/preset/ceigtvDv8jH6NaK52Z5eXH.json")]
    public async Task Preset_NoKey_401Envelope(string method, string path)
    {
        using var timeout = InstanceApi.Timeout();
        using var anonymous = fixture.AnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));

        using var response = await anonymous.SendAsync(request, timeout.Token);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        AssertErrorEnvelope(HttpStatusCode.Unauthorized, response.StatusCode, body);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task Preset_WrongKey_401Envelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        var (status, body) = await SendAsync(client, "bearer", HttpMethod.Get, "/api/presets.json", null, timeout.Token, "no-such-key-0000");

        AssertErrorEnvelope(HttpStatusCode.Unauthorized, status, body);
    }

    [Fact]
    public async Task AuphonicPath_WithoutARoute_404InTheAuphonicEnvelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.AnonymousClient();

        var (status, body) = await SendAsync(alice, "bearer", HttpMethod.Get, "/api/production/ceigtvDv8jH6NaK52Z5eXH/nothing.json", null, timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.NotFound, status, body);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, string form, HttpMethod method, string path, string? json,
        CancellationToken cancellationToken, string key = HostFixture.AliceKey)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        switch (form)
        {
            case "bearer_token":
                request.RequestUri = new Uri($"{path}?bearer_token={key}", UriKind.Relative);
                break;
            case "basic":
                // The key's name and secret, as `curl -u name:secret` sends them.
                var name = key.Split('-')[0];
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{name}:{key}")));
                break;
            default:
                // The scheme word exactly as the case names it: the document writes "bearer", browsers' examples "Bearer".
                request.Headers.TryAddWithoutValidation("Authorization", $"{form} {key}");
                break;
        }

        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }
}
