using System.Net;
using System.Text.Json;
using Xunit;

namespace MediaFunctions.Testing.Api;

/// <summary>Calls of the native batch routes the tests share.</summary>
public static class BatchApi
{
    public const string Route = "/api/batches";

    /// <summary>Creates a batch; asserts 202 and returns the body.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, object body, CancellationToken cancellationToken)
    {
        var (status, accepted) = await JobApi.PostAsync(client, Route, JobApi.Json(body), cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {accepted}");
        return accepted;
    }

    /// <summary>GETs the batch; asserts 200.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string batchId, CancellationToken cancellationToken)
    {
        var (status, batch) = await JobApi.GetAsync(client, $"{Route}/{batchId}", cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {batch}");
        return batch;
    }

    /// <summary>Polls the batch until it has ended (neither paused nor processing); returns the last answer.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string batchId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var batch = await GetAsync(client, batchId, cancellationToken);
            if (batch.GetProperty("state").GetString() is not ("paused" or "processing"))
            {
                return batch;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Sends <paramref name="method"/> with an optional JSON body; returns the status and the parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(
        HttpClient client, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JobApi.Json(body) };
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>The items of a batch.</summary>
    public static List<JsonElement> Items(JsonElement batch) => [.. batch.GetProperty("items").EnumerateArray()];

    /// <summary>The value of <paramref name="name"/> in each item.</summary>
    public static List<string?> Each(JsonElement batch, string name) =>
        [.. Items(batch).Select(item => item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : item.GetProperty(name).ToString())];
}
