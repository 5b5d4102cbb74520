using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MediaFunctions.Testing.Api;

/// <summary>Upload sessions as a client uses them: create, PUT blocks straight to storage, complete.</summary>
public static class UploadApi
{
    public const string Route = "/api/uploads";

    /// <summary>Creates a session; returns the 201 body, asserting the status.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, long size, string name, CancellationToken cancellationToken)
    {
        var (status, body) = await JobApi.PostAsync(client, Route, JobApi.Json(new Dictionary<string, object>
        {
            ["size"] = size,
            ["name"] = name,
            ["content_type"] = "video/mp4"
        }), cancellationToken);
        Assert.True(status == HttpStatusCode.Created, $"{status}: {body}");
        return body;
    }

    /// <summary>The id of block <paramref name="index"/>: base64 of its index as 6 ASCII digits.</summary>
    public static string BlockId(int index) => Convert.ToBase64String(Encoding.ASCII.GetBytes(index.ToString("D6", CultureInfo.InvariantCulture)));

    /// <summary>Stages block <paramref name="index"/> of <paramref name="file"/> at the session's upload_url, without credentials of ours; returns storage's status.</summary>
    public static async Task<HttpStatusCode> PutBlockAsync(JsonElement session, string file, int index, CancellationToken cancellationToken, int? length = null)
    {
        var blockSize = session.GetProperty("block_size").GetInt32();
        await using var source = File.OpenRead(file);
        source.Position = (long)index * blockSize;
        var bytes = new byte[length ?? (int)Math.Min(blockSize, source.Length - source.Position)];
        await source.ReadExactlyAsync(bytes, cancellationToken);
        return await PutAsync(session.GetProperty("upload_url").GetString()!, index, bytes, cancellationToken);
    }

    /// <summary>PUTs <paramref name="bytes"/> as block <paramref name="index"/> to a blob URL with a SAS.</summary>
    public static async Task<HttpStatusCode> PutAsync(string uploadUrl, int index, byte[] bytes, CancellationToken cancellationToken)
    {
        using var storage = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{uploadUrl}&comp=block&blockid={Uri.EscapeDataString(BlockId(index))}"))
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Headers.Add("x-ms-version", "2021-08-06");
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await storage.SendAsync(request, cancellationToken);
        return response.StatusCode;
    }

    /// <summary>Stages every block of <paramref name="file"/> in order.</summary>
    public static async Task PutAllBlocksAsync(JsonElement session, string file, CancellationToken cancellationToken)
    {
        for (var index = 0; index < session.GetProperty("block_count").GetInt32(); index++)
        {
            Assert.Equal(HttpStatusCode.Created, await PutBlockAsync(session, file, index, cancellationToken));
        }
    }

    /// <summary>POSTs <c>/api/uploads/{id}/complete</c>.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> CompleteAsync(HttpClient client, string id, CancellationToken cancellationToken) =>
        JobApi.PostAsync(client, $"{Route}/{id}/complete", new StringContent(""), cancellationToken);
}
