using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Testing.Media;
using Xunit;

namespace MediaFunctions.Testing.Api;

/// <summary>Calls of the job routes (native and ApyHub) the tests share, and checks of what they produce.</summary>
public static class JobApi
{
    public const string ApyHubSubmit = "/job/extract/video/audio/file";

    /// <summary>A multipart form with the file (if any) as <paramref name="fileField"/> and the text fields, in order.</summary>
    public static HttpContent Form(string? file, params (string Name, string Value)[] fields) =>
        Form(file, "video", fileFirst: true, fields);

    /// <summary>A multipart form; <paramref name="fileFirst"/> puts the file before or after the fields.</summary>
    public static HttpContent Form(string? file, string fileField, bool fileFirst, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        void AddFile()
        {
            if (file is not null)
            {
                var content = new StreamContent(File.OpenRead(file));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(content, fileField, Path.GetFileName(file));
            }
        }

        if (fileFirst)
        {
            AddFile();
        }

        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (!fileFirst)
        {
            AddFile();
        }

        return form;
    }

    /// <summary>
    /// POSTs the content; returns the status and the parsed body (default when the body is empty).
    /// With <paramref name="expectContinue"/> the body is sent only once the server asks for it, as
    /// clients of large uploads do, so a request refused before its body is read gets its answer.
    /// </summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        HttpClient client, string path, HttpContent content, CancellationToken cancellationToken, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await ReadJsonAsync(response, cancellationToken));
    }

    /// <summary>GETs the path; returns the status and the parsed body.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
        return (response.StatusCode, await ReadJsonAsync(response, cancellationToken));
    }

    /// <summary>Submits an ApyHub job and returns its id, asserting 200 <c>{"job_id"}</c>.</summary>
    public static async Task<string> SubmitApyHubAsync(HttpClient client, HttpContent form, CancellationToken cancellationToken, string query = "")
    {
        var (status, body) = await PostAsync(client, ApyHubSubmit + query, form, cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
        return body.GetProperty("job_id").GetString()!;
    }

    /// <summary>Polls ApyHub's check-status until the job is completed or failed; returns the last answer.</summary>
    public static async Task<JsonElement> WaitForApyHubAsync(HttpClient client, string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (status, body) = await GetAsync(client, $"/job/status/{jobId}", cancellationToken);
            Assert.Equal(HttpStatusCode.OK, status);
            if (body.GetProperty("status").GetString() is "completed" or "failed")
            {
                return body;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Submits a native job; returns the 202 body, asserting the status.</summary>
    public static async Task<JsonElement> SubmitNativeAsync(HttpClient client, HttpContent content, CancellationToken cancellationToken)
    {
        var (status, body) = await PostAsync(client, "/api/jobs/extract-audio", content, cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {body}");
        return body;
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job has ended; returns the last answer.</summary>
    public static async Task<JsonElement> WaitForJobAsync(HttpClient client, string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (status, body) = await GetAsync(client, $"/api/jobs/{jobId}", cancellationToken);
            Assert.True(status == HttpStatusCode.OK, $"{status}: {body}");
            if (body.GetProperty("state").GetString() is "completed" or "failed" or "cancelled")
            {
                return body;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Downloads a link (following redirects, without credentials) into <paramref name="folder"/>.</summary>
    public static async Task<string> DownloadAsync(string url, string folder, CancellationToken cancellationToken)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(url), cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {response.StatusCode}");
        var path = Path.Combine(folder, response.Content.Headers.ContentDisposition?.FileNameStar?.Trim('"')
            ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? Guid.NewGuid().ToString("N"));
        await using var file = File.Create(path);
        await response.Content.CopyToAsync(file, cancellationToken);
        return path;
    }

    /// <summary>What ffprobe says of the file.</summary>
    public static Task<MediaProbe> ProbeAsync(string path, CancellationToken cancellationToken) => FfmpegTools.Prober().ProbeAsync(path, cancellationToken: cancellationToken);

    /// <summary>The error envelope's code and message.</summary>
    public static (string Code, string Message) Error(JsonElement body)
    {
        var error = body.GetProperty("error");
        return (error.GetProperty("code").GetString()!, error.GetProperty("message").GetString()!);
    }

    /// <summary>The names of the blobs in a container under a prefix.</summary>
    public static async Task<List<string>> BlobsAsync(BlobServiceClient blobs, string container, string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in blobs.GetBlobContainerClient(container).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>The index tags of an output blob (the Azure lifecycle rule deletes those tagged persistent=false).</summary>
    public static async Task<IDictionary<string, string>> OutputTagsAsync(BlobServiceClient blobs, string blobName, CancellationToken cancellationToken) =>
        (await blobs.GetBlobContainerClient("outputs").GetBlobClient(blobName).GetTagsAsync(cancellationToken: cancellationToken)).Value.Tags;

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A token that ends the test after <paramref name="seconds"/>.</summary>
    public static CancellationTokenSource Timeout(int seconds = 60) => new(TimeSpan.FromSeconds(seconds));

    /// <summary>Sends JSON.</summary>
    public static HttpContent Json(object body) => JsonContent.Create(body);
}
