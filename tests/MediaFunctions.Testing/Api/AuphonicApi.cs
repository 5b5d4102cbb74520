using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

using Xunit;

namespace MediaFunctions.Testing.Api;

/// <summary>The Auphonic dialect as its document's curl lines call it: JSON bodies, multipart forms, and a status loop.</summary>
public static class AuphonicApi
{
    /// <param name="key">A key sent as <c>Authorization: bearer</c> on this request; null to send what the client sends.</param>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendJsonAsync(HttpClient client, HttpMethod method, string path, string? json,
        CancellationToken cancellationToken, string? key = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"bearer {key}");
        }

        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    /// <summary>POSTs a multipart form as <c>curl -F</c> does: <c>name=@path</c> parts as files, the rest as text.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendFormAsync(HttpClient client, string path, CancellationToken cancellationToken,
        params (string Name, string Value)[] fields)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            if (value.StartsWith('@'))
            {
                var file = new StreamContent(File.OpenRead(value[1..]));
                file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(file, name, Path.GetFileName(value[1..]));
            }
            else
            {
                form.Add(new StringContent(value), name);
            }
        }

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), form, cancellationToken);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    /// <summary>The document's status loop: reads <c>status.json</c> until the production is Done or Error, and returns the production.</summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, string uuid, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (_, status) = await SendJsonAsync(client, HttpMethod.Get, $"/api/production/{uuid}/status.json", null, cancellationToken);
            if (status.GetProperty("data").GetProperty("status_string").GetString() is "Done" or "Error")
            {
                return (await SendJsonAsync(client, HttpMethod.Get, $"/api/production/{uuid}.json", null, cancellationToken)).Body.GetProperty("data");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Reads status.json until it shows one of <paramref name="statuses"/>.</summary>
    public static async Task<int> WaitForStatusAsync(HttpClient client, string uuid, IReadOnlyCollection<int> statuses, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (_, status) = await SendJsonAsync(client, HttpMethod.Get, $"/api/production/{uuid}/status.json", null, cancellationToken);
            var number = status.GetProperty("data").GetProperty("status").GetInt32();
            if (statuses.Contains(number))
            {
                return number;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Downloads a result as <c>curl -L</c> with the key does: the API's redirect, then the storage link.</summary>
    public static async Task<string> DownloadAsync(HttpClient client, string downloadUrl, string folder, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(downloadUrl), cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{downloadUrl}: {(int)response.StatusCode}");
        var path = Path.Combine(folder, Path.GetFileName(new Uri(downloadUrl).LocalPath));
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, cancellationToken);
        return path;
    }

    /// <summary>Auphonic's envelope of a success: status_code 200, no error code, an empty message, no form errors.</summary>
    public static void AssertSuccessEnvelope(JsonElement body)
    {
        Assert.Equal(200, body.GetProperty("status_code").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error_code").ValueKind);
        Assert.Equal("", body.GetProperty("error_message").GetString());
        Assert.Empty(body.GetProperty("form_errors").EnumerateObject());
    }

    /// <summary>Auphonic's envelope of an error with <paramref name="expected"/> status: its code, a message, form_errors and data, never our own envelope.</summary>
    public static void AssertErrorEnvelope(HttpStatusCode expected, HttpStatusCode status, JsonElement body)
    {
        Assert.True(status == expected, $"{(int)status}: {body}");
        Assert.Equal((int)expected, body.GetProperty("status_code").GetInt32());
        Assert.Equal(JsonValueKind.String, body.GetProperty("error_code").ValueKind);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error_message").GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("form_errors").ValueKind);
        Assert.True(body.TryGetProperty("data", out _), body.ToString());
        Assert.False(body.TryGetProperty("error", out _), body.ToString());
    }

    public static string Uuid(JsonElement answer) => answer.GetProperty("data").GetProperty("uuid").GetString()!;
}
