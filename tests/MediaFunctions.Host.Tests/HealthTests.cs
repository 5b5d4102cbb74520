using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediaFunctions.Testing;

namespace MediaFunctions.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class HealthTests(HostFixture fixture)
{
    [Fact]
    public async Task Health_StorageUp_Returns200Healthy()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("healthy", body.GetProperty("storage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_StorageOnClosedPort_Returns503Unreachable()
    {
        using var timeout = InstanceApi.Timeout(60);
        var closedPort = FreePort.Next();
        await using var host = new HostProcess(new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + $"BlobEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closedPort}/devstoreaccount1;",
            ["Durable__Store"] = "InMemory",
        });
        await host.StartAsync(timeout.Token);
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative), timeout.Token);

        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.StatusCode}\n{host.Output}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        var storage = body.GetProperty("storage");
        Assert.Equal("unhealthy", storage.GetProperty("status").GetString());
        Assert.Contains("unreachable", storage.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownRoute_Returns404Envelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        using var response = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", InstanceApi.ErrorCode(await response.Content.ReadAsStringAsync(timeout.Token)));
    }

    [Fact]
    public async Task OpenApiDocument_Served_DeclaresEveryKeyForm()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        var document = await client.GetFromJsonAsync<JsonElement>(new Uri("/openapi/v1.json", UriKind.Relative), timeout.Token);

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal(["apiKeyHeader", "apyToken", "basic", "bearer", "bearerTokenQuery"],
            schemes.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.True(document.GetProperty("paths").TryGetProperty("/api/instances/{instanceId}", out _));
    }

    [Fact]
    public async Task DocsPage_Served_IsHtml()
    {
        using var timeout = InstanceApi.Timeout();
        using var client = fixture.AnonymousClient();

        using var response = await client.GetAsync(new Uri("/docs/", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
