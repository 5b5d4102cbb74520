using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows.Jobs;

/// <summary>
/// Each progress event is an orchestrator episode (and history rows) in Durable Functions, so the reporter's
/// bounds are what keeps a long render's history small: ffmpeg reports every half second of fake time here.
/// </summary>
public class JobProgressReporterTests
{
    private const string InstanceId = "alice-1";
    private const string EventName = "progress";

    /// <summary>How often ffmpeg's <c>-progress</c> output reports.</summary>
    private static readonly TimeSpan FfmpegReportPeriod = TimeSpan.FromSeconds(0.5);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<(DateTimeOffset At, JobProgress Progress)> _raised = [];
    private readonly JobProgressReporter _reporter;

    public JobProgressReporterTests()
    {
        var orchestrations = new Mock<IOrchestrationClient>(MockBehavior.Strict);
        orchestrations.Setup(client => client.RaiseEventAsync(InstanceId, EventName, It.IsAny<JobProgress>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, object? payload, CancellationToken _) => _raised.Add((_clock.GetUtcNow(), (JobProgress)payload!)))
            .Returns(Task.CompletedTask);
        _reporter = new JobProgressReporter(orchestrations.Object, InstanceId, EventName, JobStage.Extracting, _clock);
    }

    /// <summary>ffmpeg reports every half second for <paramref name="length"/> of wall time at <paramref name="fraction"/> of it done.</summary>
    private void Render(TimeSpan length, Func<double, double?> fraction)
    {
        for (var elapsed = FfmpegReportPeriod; elapsed <= length; elapsed += FfmpegReportPeriod)
        {
            _clock.Advance(FfmpegReportPeriod);
            _reporter.Report(new FfmpegProgress(elapsed, fraction(elapsed / length), Speed: 1, IsComplete: false));
        }
    }

    [Theory]
    [InlineData(60)]
    [InlineData(600)]
    [InlineData(7200)]
    public void Report_RenderReportedEveryHalfSecond_RaisesAtMost100EventsTwoSecondsApart(int seconds)
    {
        Render(TimeSpan.FromSeconds(seconds), done => done);

        Assert.InRange(_raised.Count, 1, 100);
        Assert.All(_raised.Zip(_raised.Skip(1)), pair =>
        {
            Assert.True(pair.Second.At - pair.First.At >= JobProgressReporter.Interval,
                $"Events at {pair.First.At:HH:mm:ss.f} and {pair.Second.At:HH:mm:ss.f} are under {JobProgressReporter.Interval} apart.");
            Assert.True(pair.Second.Progress.Progress > pair.First.Progress.Progress, "The percentage did not move between two events.");
        });
        Assert.All(_raised, raised => Assert.Equal(JobStage.Extracting, raised.Progress.Stage));
        // The status still follows the render to its end.
        Assert.True(_raised[^1].Progress.Progress >= 95, $"The last event says {_raised[^1].Progress.Progress}%.");
    }

    [Fact]
    public void Report_PercentageStalls_RaisesNothingMore()
    {
        Render(TimeSpan.FromSeconds(2), _ => 0.25);

        // Ten minutes at 25%, ffmpeg's fraction creeping inside the same whole percentage.
        Render(TimeSpan.FromMinutes(10), done => 0.25 + (done * 0.009));

        Assert.Equal(new JobProgress(JobStage.Extracting, 25), Assert.Single(_raised).Progress);
    }

    [Fact]
    public void Report_NoDurationKnown_RaisesNothing()
    {
        Render(TimeSpan.FromMinutes(10), _ => null);

        Assert.Empty(_raised);
    }

    [Fact]
    public async Task EnterStageAsync_JustAfterAProgressEvent_RaisesTheStageAtOnce()
    {
        Render(TimeSpan.FromSeconds(2), _ => 0.5);
        var progressAt = Assert.Single(_raised).At;

        _clock.Advance(TimeSpan.FromMilliseconds(100));
        await _reporter.EnterStageAsync(JobStage.Uploading, 99);

        Assert.Equal(
            [(progressAt, new JobProgress(JobStage.Extracting, 50)), (progressAt.AddMilliseconds(100), new JobProgress(JobStage.Uploading, 99))],
            _raised);
    }
}
