using System.Text.Json;
using MediaFunctions.Api.Instances;
using MediaFunctions.Orchestration;

namespace MediaFunctions.Api.Tests.Instances;

public sealed class InstanceStatusResponseTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 1, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void From_SerializedPayloads_WritesThemAsJsonValues()
    {
        var metadata = new OrchestrationMetadata("Job", "alice-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            CreatedAt = Created,
            LastUpdatedAt = Created.AddSeconds(5),
            SerializedInput = "{\"url\":\"https://x\"}",
            SerializedOutput = "[1,2]",
            SerializedCustomStatus = "{\"stage\":\"render\",\"progress\":0.5}",
        };

        var json = JsonSerializer.SerializeToElement(InstanceStatusResponse.From(metadata, showInput: true), JsonSerializerOptions.Web);

        Assert.Equal("alice-1", json.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", json.GetProperty("runtimeStatus").GetString());
        Assert.Equal("https://x", json.GetProperty("input").GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("output").ValueKind);
        Assert.Equal(0.5, json.GetProperty("customStatus").GetProperty("progress").GetDouble());
        Assert.Equal("2024-05-01T12:00:00Z", json.GetProperty("createdTime").GetString());
        Assert.Equal("2024-05-01T12:00:05Z", json.GetProperty("lastUpdatedTime").GetString());
        Assert.False(json.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public void From_ShowInputFalse_WritesNullInput()
    {
        var metadata = new OrchestrationMetadata("Job", "alice-1") { SerializedInput = "1" };

        Assert.Null(InstanceStatusResponse.From(metadata, showInput: false).Input);
    }

    [Fact]
    public void From_Failed_ShowsTheMessageAsOutputAndNoStackTrace()
    {
        var metadata = new OrchestrationMetadata("Job", "alice-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            FailureDetails = new TaskFailureDetails("System.InvalidOperationException", "ffmpeg exited with 1", "   at Secret.Place()",
                new TaskFailureDetails("System.IO.IOException", "disk full", "   at Deeper()")),
        };

        var text = JsonSerializer.Serialize(InstanceStatusResponse.From(metadata, showInput: true), JsonSerializerOptions.Web);
        var json = JsonDocument.Parse(text).RootElement;

        Assert.Equal("ffmpeg exited with 1", json.GetProperty("output").GetString());
        Assert.Equal("disk full", json.GetProperty("failureDetails").GetProperty("innerFailure").GetProperty("errorMessage").GetString());
        Assert.DoesNotContain("Secret.Place", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Deeper", text, StringComparison.Ordinal);
    }

    [Fact]
    public void From_PayloadThatIsNotJson_WritesItAsAString()
    {
        var metadata = new OrchestrationMetadata("Job", "alice-1") { SerializedOutput = "plain words" };

        Assert.Equal("plain words", InstanceStatusResponse.From(metadata, showInput: true).Output!.Value.GetString());
    }

    [Fact]
    public void HistoryEventFrom_ShowOutputFalse_LeavesOutPayloads()
    {
        var historyEvent = new OrchestrationHistoryEvent("TaskCompleted", Created) { TaskId = 3, Result = "{\"a\":1}", Input = "2" };

        var hidden = InstanceHistoryEventResponse.From(historyEvent, showOutput: false);
        var shown = InstanceHistoryEventResponse.From(historyEvent, showOutput: true);

        Assert.Null(hidden.Result);
        Assert.Null(hidden.Input);
        Assert.Equal(1, shown.Result!.Value.GetProperty("a").GetInt32());
        Assert.Equal("TaskCompleted", JsonSerializer.SerializeToElement(shown).GetProperty("EventType").GetString());
    }
}
