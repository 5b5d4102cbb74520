using System.Net;
using System.Text.Json;
using Xunit;

namespace MediaFunctions.Testing.Api;

/// <summary>The video-download dialect as its client uses it: <c>POST /jobs</c>, then <c>GET /jobs/{id}</c> until the job ends.</summary>
public static class DownloadApi
{
    /// <summary>Creates the job; asserts 202 and returns its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, object body, CancellationToken cancellationToken)
    {
        var (status, created) = await JobApi.PostAsync(client, "/jobs", JobApi.Json(body), cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {created}");
        return created.GetProperty("job_id").GetString()!;
    }

    /// <summary>Creates the job and waits for its end; returns <c>GET /jobs/{id}</c>'s last answer.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, object body, CancellationToken cancellationToken) =>
        await WaitAsync(client, await CreateAsync(client, body, cancellationToken), cancellationToken);

    /// <summary>Polls <c>GET /jobs/{id}</c> until the job has ended.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string jobId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var job = await GetAsync(client, jobId, cancellationToken);
            if (job.GetProperty("state").GetString() is "completed" or "failed" or "cancelled")
            {
                return job;
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string jobId, CancellationToken cancellationToken)
    {
        var (status, job) = await JobApi.GetAsync(client, $"/jobs/{jobId}", cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {job}");
        return job;
    }

    /// <summary>The completed job's result; fails the test with the job when it did not complete.</summary>
    public static JsonElement Result(JsonElement job)
    {
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        return job.GetProperty("result");
    }

    /// <summary>The corrections the job reports, as "field:from->to".</summary>
    public static IReadOnlyList<string> Corrections(JsonElement job) =>
        [.. job.GetProperty("corrections").EnumerateArray()
            .Select(c => $"{c.GetProperty("field").GetString()}:{c.GetProperty("from").GetString()}->{c.GetProperty("to").GetString()}")];
}
