using System.Diagnostics;
using System.Net;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Durable.Telemetry;
using Xunit.Abstractions;

namespace MediaFunctions.Host.Tests.Telemetry;

/// <summary>
/// One extract-audio job on the self-host with telemetry exported in memory: the request, the orchestration, each
/// activity and the ffmpeg run are one trace that names the job and never a secret, and the meter counts the job.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class JobTelemetryTests(TelemetryStorageFixture storage, ITestOutputHelper output)
{
    private const string ExtractAudioOrchestration = "orchestration ExtractAudioOrchestrator";

    [Fact]
    public async Task ExtractAudio_SignedUrlSourceAndKeyInQuery_OneTraceFromRequestToFfmpegWithoutSecrets()
    {
        using var timeout = JobApi.Timeout(90);
        await using var host = await TracedSelfHost.StartAsync(storage.ConnectionString, timeout.Token);
        using var client = host.CreateClient();

        // The key rides in the query, as a browser's EventSource sends it; the source is a SAS URL.
        var jobId = await RunJobAsync(client, $"/api/jobs/extract-audio?bearer_token={TracedSelfHost.AliceKey}", timeout.Token);
        var orchestration = await WaitForSpanAsync(host, span => span.DisplayName == ExtractAudioOrchestration && Tag(span, DurableTelemetry.InstanceIdTag) == jobId, timeout.Token);
        var trace = host.Spans.Where(span => span.TraceId == orchestration.TraceId).ToList();
        foreach (var span in trace)
        {
            output.WriteLine($"{span.Source.Name} | {span.DisplayName} | parent {span.ParentSpanId} | id {span.SpanId} | "
                + string.Join(", ", span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}")));
        }

        var request = Assert.Single(trace, span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore"
            && span.DisplayName.Contains("/api/jobs/extract-audio", StringComparison.Ordinal));
        Assert.Equal(default, request.ParentSpanId);
        Assert.Equal((jobId, "alice", "extract-audio", "mp3,flac"), JobTags(request));
        Assert.Equal(request.SpanId, orchestration.ParentSpanId);

        var render = Assert.Single(trace, span => span.DisplayName == "activity RenderExtractAudioActivity");
        var publish = Assert.Single(trace, span => span.DisplayName == "activity PublishJobFilesActivity");
        Assert.All([render, publish], activity => Assert.Equal(orchestration.SpanId, activity.ParentSpanId));
        Assert.Equal((jobId, "alice", "extract-audio", "mp3,flac"), JobTags(render));
        Assert.Equal((jobId, "alice"), (Tag(publish, TelemetryTags.JobId), Tag(publish, TelemetryTags.KeyId)));
        // What the source cost: the probe at acceptance fetched it (the request's span), the render read the relay's cache.
        Assert.True(trace.Sum(span => span.GetTagItem(TelemetryTags.BytesIn) as long? ?? 0) > 0, "bytes in");
        var probe = Assert.Single(trace, span => span.DisplayName == "ffprobe");
        Assert.Equal(request.SpanId, probe.ParentSpanId);
        Assert.Equal((jobId, "alice", "extract-audio", "mp3,flac"), JobTags(probe));
        Assert.True(render.GetTagItem(TelemetryTags.BytesOut) is long bytesOut && bytesOut > 0, "bytes out");

        var ffmpeg = Assert.Single(trace, span => span.DisplayName == "ffmpeg");
        Assert.Equal(render.SpanId, ffmpeg.ParentSpanId);
        Assert.Equal((jobId, "alice", "extract-audio", "mp3,flac"), JobTags(ffmpeg));
        Assert.Equal(0, ffmpeg.GetTagItem(TelemetryTags.ExitCode));

        // Not the key, not the SAS, no query at all, in any attribute of any span of the trace.
        var values = trace.SelectMany(span => span.TagObjects.Select(tag => (span.DisplayName, tag.Key, Value: Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""))).ToList();
        Assert.NotEmpty(values);
        Assert.DoesNotContain(values, tag => tag.Value.Contains(TracedSelfHost.AliceKey, StringComparison.Ordinal)
            || tag.Value.Contains("sig=", StringComparison.Ordinal) || tag.Value.Contains("se=", StringComparison.Ordinal)
            || tag.Value.Contains("sp=", StringComparison.Ordinal) || tag.Value.Contains('?', StringComparison.Ordinal)
            || tag.Key == "url.query");
    }

    [Fact]
    public async Task ExtractAudio_Completed_CountedOnceByKindAndItsRenderTimed()
    {
        using var timeout = JobApi.Timeout(90);
        await using var host = await TracedSelfHost.StartAsync(storage.ConnectionString, timeout.Token);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TracedSelfHost.AliceKey);

        await RunJobAsync(client, "/api/jobs/extract-audio", timeout.Token);
        var metrics = host.CollectMetrics();

        var accepted = Sum(metrics, "mediafunctions.jobs.accepted", "extract-audio");
        var completed = Sum(metrics, "mediafunctions.jobs.completed", "extract-audio");
        var failed = Sum(metrics, "mediafunctions.jobs.failed", "extract-audio");
        var renders = metrics["mediafunctions.render.duration"].MetricPoints
            .Where(point => KindOf(point) == "extract-audio").Sum(point => point.GetHistogramCount());
        var fetched = Sum(metrics, "mediafunctions.source.bytes_fetched", "extract-audio");
        var declared = Sum(metrics, "mediafunctions.source.bytes_total", "extract-audio");
        output.WriteLine($"accepted {accepted}, completed {completed}, failed {failed}, ffmpeg runs {renders}, source bytes {fetched} of {declared}");
        Assert.Equal((1L, 1L, 0L), (accepted, completed, failed));
        Assert.True(renders >= 1, $"{renders} render measurements");
        Assert.InRange(fetched, 1, declared);
    }

    private async Task<string> RunJobAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var (status, body) = await JobApi.PostAsync(client, path, JobApi.Json(new
        {
            source = new { url = storage.SignedToneUrl.AbsoluteUri },
            output_format = new[] { "mp3", "flac" },
        }), cancellationToken);
        Assert.True(status == HttpStatusCode.Accepted, $"{status}: {body}");
        var jobId = body.GetProperty("jobId").GetString()!;
        client.DefaultRequestHeaders.Authorization ??= new("Bearer", TracedSelfHost.AliceKey);
        var job = await JobApi.WaitForJobAsync(client, jobId, cancellationToken);
        Assert.True(job.GetProperty("state").GetString() == "completed", job.ToString());
        return jobId;
    }

    // The orchestration's span ends a moment after its end is stored, which is what the job's GET shows.
    private static async Task<Activity> WaitForSpanAsync(TracedSelfHost host, Func<Activity, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (host.Spans.FirstOrDefault(match) is { } span)
            {
                return span;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static string? Tag(Activity span, string name) => span.GetTagItem(name) as string;

    private static (string?, string?, string?, string?) JobTags(Activity span) =>
        (Tag(span, TelemetryTags.JobId), Tag(span, TelemetryTags.KeyId), Tag(span, TelemetryTags.JobKind), Tag(span, TelemetryTags.Formats));

    private static string? KindOf(OpenTelemetry.Metrics.MetricPoint point)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == TelemetryTags.JobKind)
            {
                return tag.Value as string;
            }
        }

        return null;
    }

    private static long Sum(IReadOnlyDictionary<string, OpenTelemetry.Metrics.MetricSnapshot> metrics, string name, string kind) =>
        metrics.TryGetValue(name, out var metric) ? metric.MetricPoints.Where(point => KindOf(point) == kind).Sum(point => point.GetSumLong()) : 0;
}
