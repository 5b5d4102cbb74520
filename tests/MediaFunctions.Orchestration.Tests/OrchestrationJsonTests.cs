namespace MediaFunctions.Orchestration.Tests;

public class OrchestrationJsonTests
{
    private sealed record Sample(string Name, int Count);

    [Fact]
    public void SerializeDeserialize_RoundTripsWithCamelCaseNames()
    {
        var json = OrchestrationJson.Serialize(new Sample("a", 2));

        Assert.Equal("""{"name":"a","count":2}""", json);
        Assert.Equal(new Sample("a", 2), OrchestrationJson.Deserialize<Sample>(json));
    }

    [Fact]
    public void Serialize_Null_IsNullNotTheJsonLiteral()
    {
        Assert.Null(OrchestrationJson.Serialize(null));
        Assert.Null(OrchestrationJson.Deserialize<Sample>(null));
    }

    [Fact]
    public void Metadata_ReadsPayloadsAsTypes()
    {
        var metadata = new OrchestrationMetadata("Job", "k-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedOutput = """{"name":"out","count":3}""",
        };

        Assert.Equal(new Sample("out", 3), metadata.ReadOutputAs<Sample>());
        Assert.True(metadata.IsCompleted);
        Assert.False(metadata.IsRunning);
    }
}
