using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using MediaFunctions.Api;
using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Productions.Services;
using MediaFunctions.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static MediaFunctions.Testing.Api.AuphonicApi;

namespace MediaFunctions.Host.Tests.Auphonic;

/// <summary>The Auphonic dialect's external services over HTTP, against the real host, Azurite and s3rver.</summary>
public sealed class AuphonicServiceTests(ServiceHostFixture fixture) : IClassFixture<ServiceHostFixture>
{
    // s3rver checks the access key only, so the secret can be one nothing else holds.
    private const string S3Secret = "host-service-secret-Zr81";
    private const string AzureSas = "sv=2024-08-04&sp=rwl&sig=not-a-real-signature";

    [Fact]
    public async Task Service_HttpCreateListGetDelete_InTheEnvelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = Client(ServiceHostFixture.AliceKey);

        var (status, created) = await SendAsync(alice, HttpMethod.Post, "/api/services.json",
            """{"type": "http", "display_name": "My server", "base_url": "http://127.0.0.1:9/media", "incoming": true, "outgoing": false}""", timeout.Token);

        Assert.True(status == HttpStatusCode.OK, created.ToString());
        AssertSuccessEnvelope(created);
        var service = created.GetProperty("data");
        var uuid = service.GetProperty("uuid").GetString()!;
        Assert.Matches("^[a-zA-Z0-9]{22}$", uuid);
        Assert.Equal(("http", "My server", true, false, "http://127.0.0.1:9/media/"), (service.GetProperty("type").GetString(), service.GetProperty("display_name").GetString(),
            service.GetProperty("incoming").GetBoolean(), service.GetProperty("outgoing").GetBoolean(), service.GetProperty("base_url").GetString()));
        var (_, list) = await SendAsync(alice, HttpMethod.Get, "/api/services.json", null, timeout.Token);
        Assert.Contains(list.GetProperty("data").EnumerateArray(), item => item.ToString() == service.ToString());
        var (getStatus, got) = await SendAsync(alice, HttpMethod.Get, $"/api/service/{uuid}.json", null, timeout.Token);
        Assert.Equal((HttpStatusCode.OK, service.ToString()), (getStatus, got.GetProperty("data").ToString()));

        var (deleteStatus, deleted) = await SendAsync(alice, HttpMethod.Delete, $"/api/service/{uuid}.json", null, timeout.Token);

        Assert.Equal(HttpStatusCode.OK, deleteStatus);
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("data").ValueKind);
        var (goneStatus, gone) = await SendAsync(alice, HttpMethod.Get, $"/api/service/{uuid}.json", null, timeout.Token);
        AssertErrorEnvelope(HttpStatusCode.NotFound, goneStatus, gone);
    }

    [Fact]
    public async Task Service_S3AndAzure_CredentialsCheckedThenNeverEchoed()
    {
        using var timeout = InstanceApi.Timeout(60);
        using var alice = Client(ServiceHostFixture.AliceKey);
        var container = $"svc-{Guid.NewGuid():N}";
        await new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(container).CreateAsync(cancellationToken: timeout.Token);
        var accountKey = fixture.ConnectionPart("AccountKey");

        var (s3Status, s3) = await SendAsync(alice, HttpMethod.Post, "/api/services.json", S3Json(S3rverFixture.AccessKey), timeout.Token);
        var (azureStatus, azure) = await SendAsync(alice, HttpMethod.Post, "/api/services.json", new JsonObject
        {
            ["type"] = "azure",
            ["display_name"] = "Archive",
            ["endpoint"] = fixture.ConnectionPart("BlobEndpoint"),
            ["account_name"] = fixture.ConnectionPart("AccountName"),
            ["account_key"] = accountKey,
            ["container"] = container,
            ["prefix"] = "podcast/",
        }.ToJsonString(), timeout.Token);

        Assert.True(s3Status == HttpStatusCode.OK, s3.ToString());
        Assert.True(azureStatus == HttpStatusCode.OK, azure.ToString());
        Assert.Equal((S3rverFixture.Bucket, "us-east-1", "team"), (s3.GetProperty("data").GetProperty("bucket").GetString(),
            s3.GetProperty("data").GetProperty("region").GetString(), s3.GetProperty("data").GetProperty("prefix").GetString()));
        Assert.Equal((container, "podcast"), (azure.GetProperty("data").GetProperty("container").GetString(), azure.GetProperty("data").GetProperty("prefix").GetString()));
        var (_, list) = await SendAsync(alice, HttpMethod.Get, "/api/services.json", null, timeout.Token);
        var (_, got) = await SendAsync(alice, HttpMethod.Get, $"/api/service/{s3.GetProperty("data").GetProperty("uuid").GetString()}.json", null, timeout.Token);
        foreach (var shown in new[] { s3, azure, list, got })
        {
            var text = shown.GetRawText();
            Assert.DoesNotContain(S3Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(accountKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret_key", text, StringComparison.Ordinal);
            Assert.DoesNotContain("account_key", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{"type": "dropbox"}""", "type")]
    [InlineData("""{"type": "http", "display_name": 5}""", "base_url,display_name")]
    [InlineData("""{"type": "http", "base_url": "ftp://example.com/"}""", "base_url")]
    [InlineData("""{"type": "http", "base_url": "https://example.com/", "secret_key": "x"}""", "secret_key")]
    [InlineData("""{"type": "azure", "account_name": "Not An Account", "container": "media", "sas_token": "sv=1"}""", "account_name,sas_token")]
    public async Task Service_BadFields_400NamingEachInFormErrors(string json, string fields)
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = Client(ServiceHostFixture.AliceKey);

        var (status, body) = await SendAsync(alice, HttpMethod.Post, "/api/services.json", json, timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, status, body);
        Assert.Equal(fields.Split(','), body.GetProperty("form_errors").EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Service_BadCredentialsOrEndpoint_400NamingTheFieldAndNothingStored()
    {
        using var timeout = InstanceApi.Timeout(60);
        using var bob = Client(ServiceHostFixture.BobKey);
        var container = $"svc-{Guid.NewGuid():N}";
        await new BlobServiceClient(fixture.Azurite.ConnectionString).GetBlobContainerClient(container).CreateAsync(cancellationToken: timeout.Token);
        var (_, before) = await SendAsync(bob, HttpMethod.Get, "/api/services.json", null, timeout.Token);

        var (keyStatus, badKey) = await SendAsync(bob, HttpMethod.Post, "/api/services.json", S3Json("NOT-S3RVER"), timeout.Token);
        var (endpointStatus, badEndpoint) = await SendAsync(bob, HttpMethod.Post, "/api/services.json",
            S3Json(S3rverFixture.AccessKey, endpoint: $"http://127.0.0.1:{FreePort.Next()}"), timeout.Token);
        var (sasStatus, badSas) = await SendAsync(bob, HttpMethod.Post, "/api/services.json", new JsonObject
        {
            ["type"] = "azure",
            ["endpoint"] = fixture.ConnectionPart("BlobEndpoint"),
            ["account_name"] = fixture.ConnectionPart("AccountName"),
            ["sas_token"] = AzureSas,
            ["container"] = container,
        }.ToJsonString(), timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.BadRequest, keyStatus, badKey);
        Assert.Equal(["access_key"], badKey.GetProperty("form_errors").EnumerateObject().Select(error => error.Name));
        AssertErrorEnvelope(HttpStatusCode.BadRequest, endpointStatus, badEndpoint);
        Assert.Equal(["endpoint"], badEndpoint.GetProperty("form_errors").EnumerateObject().Select(error => error.Name));
        AssertErrorEnvelope(HttpStatusCode.BadRequest, sasStatus, badSas);
        Assert.Equal(["sas_token"], badSas.GetProperty("form_errors").EnumerateObject().Select(error => error.Name));
        Assert.DoesNotContain("not-a-real-signature", badSas.GetRawText(), StringComparison.Ordinal);
        var (_, after) = await SendAsync(bob, HttpMethod.Get, "/api/services.json", null, timeout.Token);
        Assert.Equal(before.GetProperty("data").GetArrayLength(), after.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Service_OfAnotherKey_404ForGetAndDeleteAndNotListed()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = Client(ServiceHostFixture.AliceKey);
        using var bob = Client(ServiceHostFixture.BobKey);
        var (_, created) = await SendAsync(alice, HttpMethod.Post, "/api/services.json", """{"type": "http", "base_url": "http://127.0.0.1:9/alice/"}""", timeout.Token);
        var uuid = created.GetProperty("data").GetProperty("uuid").GetString()!;

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            var (status, answer) = await SendAsync(bob, method, $"/api/service/{uuid}.json", null, timeout.Token);
            AssertErrorEnvelope(HttpStatusCode.NotFound, status, answer);
        }

        var (_, bobsList) = await SendAsync(bob, HttpMethod.Get, "/api/services.json", null, timeout.Token);
        Assert.DoesNotContain(bobsList.GetProperty("data").EnumerateArray(), item => item.GetProperty("uuid").GetString() == uuid);
        var (aliceStatus, _) = await SendAsync(alice, HttpMethod.Get, $"/api/service/{uuid}.json", null, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, aliceStatus);
    }

    [Fact]
    public async Task Connect_WithAnApiKey_403SayingAnAppsAccessTokenIsNeeded()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = Client(ServiceHostFixture.AliceKey);

        var (status, body) = await SendAsync(alice, HttpMethod.Post, "/api/service/connect.json",
            """{"display_name": "My Family Podcast", "webhook_url": "https://your-service.fm/userXY/webhook/token/", "custom_data": "x"}""", timeout.Token);

        AssertErrorEnvelope(HttpStatusCode.Forbidden, status, body);
        Assert.Contains("access token", body.GetProperty("error_message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_WithAnAppsClientIdClaim_StoresAnOutgoingConnectedServiceTheKeyLists()
    {
        using var timeout = InstanceApi.Timeout();
        await using var services = new ServiceCollection()
            .AddMediaFunctionsApi(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = fixture.Azurite.ConnectionString,
                ["Sources:AllowPrivateNetworks"] = "true",
            }).Build())
            .AddLogging()
            .BuildServiceProvider();
        var body = """{"display_name": "My Family Podcast", "webhook_url": "http://127.0.0.1:9/userXY/webhook/token/", "custom_data": "any-data-string-you-want"}"""u8.ToArray();
        var context = new DefaultHttpContext
        {
            // As the OAuth handler will authenticate an app's access token: the user's key and the app's client id.
            User = new ClaimsPrincipal(new ClaimsIdentity([new(ApiKeyAuthenticationDefaults.KeyIdClaim, "alice"), new(OAuthClaims.ClientId, "app-1")], "test")),
        };
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = "application/json";

        var answer = await AuphonicServiceEndpoints.ConnectServiceAsync(context, services.GetRequiredService<ProductionServiceRegistry>(), timeout.Token);

        var connected = Assert.IsType<JsonObject>(answer.Value!.Data);
        Assert.Equal(("connected", false, true), ((string?)connected["type"], (bool?)connected["incoming"], (bool?)connected["outgoing"]));
        Assert.False(connected.ContainsKey("webhook_url") || connected.ContainsKey("custom_data"));
        using var alice = Client(ServiceHostFixture.AliceKey);
        var (_, list) = await SendAsync(alice, HttpMethod.Get, "/api/services.json", null, timeout.Token);
        var listed = Assert.Single(list.GetProperty("data").EnumerateArray(), item => item.GetProperty("uuid").GetString() == (string?)connected["uuid"]);
        Assert.Equal("My Family Podcast", listed.GetProperty("display_name").GetString());
    }

    private HttpClient Client(string key)
    {
        var client = fixture.Host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", key);
        return client;
    }

    private string S3Json(string accessKey, string? endpoint = null) => new JsonObject
    {
        ["type"] = "s3",
        ["display_name"] = "Bucket",
        ["endpoint"] = endpoint ?? fixture.S3.Endpoint.AbsoluteUri,
        ["bucket"] = S3rverFixture.Bucket,
        ["region"] = "us-east-1",
        ["access_key"] = accessKey,
        ["secret_key"] = S3Secret,
        ["prefix"] = "team/",
    }.ToJsonString();

    private static Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json,
        CancellationToken cancellationToken) => AuphonicApi.SendJsonAsync(client, method, path, json, cancellationToken);
}
