using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MediaFunctions.Host.Tests;

/// <summary>Calls of the instance API the tests share.</summary>
internal static class InstanceApi
{
    public const string Echo = "Diagnostics.Echo";
    public const string WaitForEvent = "Diagnostics.WaitForEvent";
    public const string Timer = "Diagnostics.Timer";

    /// <summary>Starts an orchestrator through the admin start route as an instance of <paramref name="ownerKeyId"/>; returns the instance id.</summary>
    public static async Task<string> StartAsync(HttpClient admin, string orchestrator, string ownerKeyId, object? input, CancellationToken cancellationToken)
    {
        var instanceId = $"{ownerKeyId}-{Guid.NewGuid():N}";
        using var response = await admin.PostAsJsonAsync(
            new Uri($"/runtime/webhooks/durabletask/orchestrators/{orchestrator}/{instanceId}", UriKind.Relative), input, cancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return instanceId;
    }

    /// <summary>GET <c>/api/instances/{id}</c> with the status and parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> GetAsync(
        HttpClient client, string instanceId, CancellationToken cancellationToken, string query = "")
    {
        var response = await client.GetAsync(new Uri($"/api/instances/{instanceId}{query}", UriKind.Relative), cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return (response.StatusCode, body, response);
    }

    /// <summary>Polls until the instance's runtime status is <paramref name="runtimeStatus"/>; returns the last body.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string instanceId, string runtimeStatus, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (_, body, response) = await GetAsync(client, instanceId, cancellationToken);
            response.Dispose();
            if (body.TryGetProperty("runtimeStatus", out var status) && status.GetString() == runtimeStatus)
            {
                return body;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>POST with an optional JSON body; returns the status and the body text.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient client, string path, CancellationToken cancellationToken, object? json = null)
    {
        using var response = json is null
            ? await client.PostAsync(new Uri(path, UriKind.Relative), null, cancellationToken)
            : await client.PostAsJsonAsync(new Uri(path, UriKind.Relative), json, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>The error code of an error envelope.</summary>
    public static string ErrorCode(string body) => JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString()!;

    /// <summary>A token that ends the test after <paramref name="seconds"/>.</summary>
    public static CancellationTokenSource Timeout(int seconds = 30) => new(TimeSpan.FromSeconds(seconds));
}
