using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Batches.Durability;

/// <summary>
/// A batch from creation to its outcome, for batches of any size: created, waited for through its orchestration alone
/// (not its items), then read and checked whole.
/// </summary>
internal static class BatchOutcomes
{
    /// <summary>POSTs <c>/api/batches</c>; asserts 202 and returns the batch id and its item job ids.</summary>
    public static async Task<(string BatchId, IReadOnlyList<string> JobIds)> CreateAsync(HttpClient client, object body, CancellationToken cancellationToken)
    {
        var (status, created) = await JobApi.PostAsync(client, "/api/batches", JobApi.Json(body), cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {created}");
        return (created.GetProperty("batchId").GetString()!, [.. created.GetProperty("jobIds").EnumerateArray().Select(id => id.GetString()!)]);
    }

    /// <summary>
    /// Polls the batch's orchestration (<c>/api/instances/{id}</c>: one read, where <c>GET /api/batches/{id}</c> reads
    /// every item) until it has ended; then returns <c>GET /api/batches/{id}</c>. With <paramref name="log"/>, writes the
    /// batch's progress there every 10 s.
    /// </summary>
    public static async Task<JsonElement> WaitForEndAsync(HttpClient client, string batchId, CancellationToken cancellationToken, ITestOutputHelper? log = null)
    {
        var watch = Stopwatch.StartNew();
        var logged = TimeSpan.Zero;
        while (true)
        {
            var (status, instance) = await JobApi.GetAsync(client, $"/api/instances/{batchId}", cancellationToken);
            // 202 while it runs, 200 once it has ended, as Durable Functions answers.
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Accepted, $"{status}: {instance}");
            if (instance.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed" or "Terminated")
            {
                return await GetAsync(client, batchId, cancellationToken);
            }

            if (log is not null && watch.Elapsed - logged >= TimeSpan.FromSeconds(10))
            {
                logged = watch.Elapsed;
                log.WriteLine($"{logged.TotalSeconds:F0} s: {instance.GetProperty("customStatus")}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary><c>GET /api/batches/{id}</c>; asserts 200.</summary>
    public static async Task<JsonElement> GetAsync(HttpClient client, string batchId, CancellationToken cancellationToken)
    {
        var (status, batch) = await JobApi.GetAsync(client, $"/api/batches/{batchId}", cancellationToken);
        Assert.True(status == HttpStatusCode.OK, $"{status}: {batch}");
        return batch;
    }

    /// <summary>
    /// Asserts what a user checks of a batch that went well: completed, every one of <paramref name="total"/> items
    /// completed under its own job, and the counts saying so.
    /// </summary>
    public static void AssertAllCompleted(JsonElement batch, int total, string context)
    {
        var summary = $"{batch.GetProperty("state")} total={batch.GetProperty("total")} completed={batch.GetProperty("completed")} " +
            $"failed={batch.GetProperty("failed")} cancelled={batch.GetProperty("cancelled")}";
        var items = batch.GetProperty("items").EnumerateArray().ToList();
        var notCompleted = items.Where(item => item.GetProperty("state").GetString() != "completed").Take(3).Select(item => item.ToString());
        Assert.True(batch.GetProperty("state").GetString() == "completed", $"{summary}\n{string.Join("\n", notCompleted)}\n{context}");
        Assert.Equal(total, batch.GetProperty("total").GetInt32());
        Assert.Equal(total, batch.GetProperty("completed").GetInt32());
        Assert.Equal(0, batch.GetProperty("failed").GetInt32() + batch.GetProperty("cancelled").GetInt32() + batch.GetProperty("running").GetInt32()
            + batch.GetProperty("pending").GetInt32());
        Assert.Equal(total, items.Count);
        Assert.Equal(total, items.Select(item => item.GetProperty("jobId").GetString()).Distinct(StringComparer.Ordinal).Count());
        Assert.All(items, item => Assert.Equal("completed", item.GetProperty("job").GetProperty("state").GetString()));
    }
}
