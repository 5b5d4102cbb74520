using System.Diagnostics.Metrics;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Telemetry;

/// <summary>A job orchestrator's ending counts once, by how it ended, and never on a replay.</summary>
public sealed class JobOutcomeCounterTests : IDisposable
{
    private const string Kind = "outcome-counter-test";
    private readonly MediaFunctionsMetrics _metrics = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, long Value)> _counted = [];

    public JobOutcomeCounterTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MediaFunctionsTelemetry.Name && instrument.Name.StartsWith("mediafunctions.jobs.", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        // Only this test's kind: other tests of the process may count their own.
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == TelemetryTags.JobKind && Kind.Equals(tag.Value))
                {
                    lock (_counted)
                    {
                        _counted.Add((instrument.Name, value));
                    }
                }
            }
        });
        _listener.Start();
    }

    [Theory]
    [InlineData(false, "mediafunctions.jobs.completed")]
    [InlineData(true, "mediafunctions.jobs.failed")]
    public async Task RunAsync_NotReplaying_CountsTheEndingOnce(bool fails, string counted)
    {
        var counter = new JobOutcomeCounter(new EndingOrchestrator(fails), Kind, _metrics);

        await RunAsync(counter, replaying: false, fails);

        Assert.Equal([(counted, 1L)], _counted);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RunAsync_Replaying_CountsNothing(bool fails)
    {
        var counter = new JobOutcomeCounter(new EndingOrchestrator(fails), Kind, _metrics);

        await RunAsync(counter, replaying: true, fails);

        Assert.Empty(_counted);
    }

    private static async Task RunAsync(JobOutcomeCounter counter, bool replaying, bool fails)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        context.SetupGet(c => c.IsReplaying).Returns(replaying);
        if (fails)
        {
            await Assert.ThrowsAsync<TaskFailedException>(() => counter.RunAsync(context.Object));
        }
        else
        {
            Assert.Equal("done", await counter.RunAsync(context.Object));
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _metrics.Dispose();
    }

    private sealed class EndingOrchestrator(bool fails) : IOrchestrator
    {
        public Task<object?> RunAsync(IOrchestrationContext context) => fails
            ? Task.FromException<object?>(new TaskFailedException("Render", 1, new TaskFailureDetails("FfmpegException", "exit 1")))
            : Task.FromResult<object?>("done");
    }
}
