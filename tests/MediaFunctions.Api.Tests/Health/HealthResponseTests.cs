using System.Text.Json;
using MediaFunctions.Api.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MediaFunctions.Api.Tests.Health;

public sealed class HealthResponseTests
{
    [Fact]
    public void From_Report_WritesEachComponentAsAMemberBesideTheStatus()
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["storage"] = new(HealthStatus.Unhealthy, "Storage is unreachable: no answer within 2 s.", TimeSpan.FromMilliseconds(2001), null, null),
            ["ffmpeg"] = new(HealthStatus.Healthy, "ffmpeg 7.1", TimeSpan.FromMilliseconds(5), null, null),
        }, TimeSpan.FromSeconds(2));

        var json = JsonSerializer.SerializeToElement(HealthResponse.From(report), JsonSerializerOptions.Web);

        Assert.Equal("unhealthy", json.GetProperty("status").GetString());
        Assert.Equal("unhealthy", json.GetProperty("storage").GetProperty("status").GetString());
        Assert.Equal(2001, json.GetProperty("storage").GetProperty("durationMs").GetInt64());
        Assert.Equal("ffmpeg 7.1", json.GetProperty("ffmpeg").GetProperty("description").GetString());
    }
}
