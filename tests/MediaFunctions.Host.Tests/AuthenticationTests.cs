using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MediaFunctions.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class AuthenticationTests(HostFixture fixture)
{
    public static TheoryData<string> CredentialForms => ["bearer", "basic", "apy-token", "x-api-key", "query"];

    [Theory]
    [MemberData(nameof(CredentialForms))]
    public async Task InstanceList_KeyInEachAcceptedForm_Returns200(string form)
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();
        var path = "/api/instances";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        switch (form)
        {
            case "bearer":
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", HostFixture.AliceKey);
                break;
            case "basic":
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes("anyone:" + HostFixture.AliceKey)));
                break;
            case "apy-token":
                request.Headers.Add("apy-token", HostFixture.AliceKey);
                break;
            case "x-api-key":
                request.Headers.Add("X-API-Key", HostFixture.AliceKey);
                break;
            default:
                request.RequestUri = new Uri($"{path}?bearer_token={HostFixture.AliceKey}", UriKind.Relative);
                break;
        }

        using var response = await client.SendAsync(request, timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{form}: {response.StatusCode}\n{fixture.HostOutput}");
        Assert.Equal(JsonValueKind.Array, (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).ValueKind);
    }

    [Fact]
    public async Task InstanceList_NoKey_Returns401EnvelopeSayingTheKeyIsMissing()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        using var response = await client.GetAsync(new Uri("/api/instances", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("error");
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.Contains("required", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceList_WrongKey_Returns401EnvelopeSayingTheKeyIsInvalid()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.ClientFor("not-a-key");

        using var response = await client.GetAsync(new Uri("/api/instances", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(response.Headers.WwwAuthenticate);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("error");
        Assert.Equal("unauthorized", error.GetProperty("code").GetString());
        Assert.Contains("not valid", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceRoutes_DurablePathWithoutKey_Returns401()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        using var response = await client.GetAsync(new Uri("/runtime/webhooks/durabletask/instances/alice-1", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task StartRoute_TenantKey_Returns403Envelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);

        var (status, body) = await InstanceApi.PostAsync(alice, $"/runtime/webhooks/durabletask/orchestrators/{InstanceApi.Echo}", timeout.Token, new { a = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("forbidden", InstanceApi.ErrorCode(body));
    }
}
