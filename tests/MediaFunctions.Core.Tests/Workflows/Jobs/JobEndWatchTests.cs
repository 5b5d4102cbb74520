using MediaFunctions.Core.Workflows.ExtractAudio;
using MediaFunctions.Core.Workflows.Jobs;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows.Jobs;

/// <summary>
/// The watch's looks are driven by a fake clock: the test advances it one interval once the watch is waiting,
/// and waits for the watch's own signals (a timer set, the token cancelled), never for wall time.
/// </summary>
public class JobEndWatchTests
{
    private const string InstanceId = "alice-1";

    private static readonly OrchestrationMetadata Running =
        new(nameof(ExtractAudioOrchestrator), InstanceId) { RuntimeStatus = OrchestrationRuntimeStatus.Running };

    private readonly WaitingClock _clock = new();
    private readonly Mock<IOrchestrationClient> _orchestrations = new(MockBehavior.Strict);

    [Fact]
    public async Task Token_LookFailsThenJobDeleted_Cancelled()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        _orchestrations.SetupSequence(client => client.GetInstanceAsync(InstanceId, false, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new IOException("Storage is briefly unreachable."))
            .ReturnsAsync(Running)
            .ReturnsAsync((OrchestrationMetadata?)null);
        await using var watch = new JobEndWatch(_orchestrations.Object, InstanceId, _clock, CancellationToken.None);
        var ended = Cancelled(watch.Token);

        // The failed look, one that finds the job running, one after it was deleted.
        for (var look = 0; look < 3; look++)
        {
            Assert.True(await _clock.NextWaitAsync(timeout.Token), $"The watch stopped looking after look {look}.");
            Assert.False(watch.Token.IsCancellationRequested, $"The render was stopped before look {look + 1}.");
            _clock.Advance(JobEndWatch.Interval);
        }

        await ended.WaitAsync(timeout.Token);
        _orchestrations.Verify(client => client.GetInstanceAsync(InstanceId, false, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task Token_JobRunning_StaysUncancelledAndLooksAgain()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        _orchestrations.Setup(client => client.GetInstanceAsync(InstanceId, false, It.IsAny<CancellationToken>())).ReturnsAsync(Running);
        await using var watch = new JobEndWatch(_orchestrations.Object, InstanceId, _clock, CancellationToken.None);

        for (var look = 0; look < 5; look++)
        {
            Assert.True(await _clock.NextWaitAsync(timeout.Token), $"The watch stopped looking after look {look}.");
            _clock.Advance(JobEndWatch.Interval);
        }

        // The watch waits for a sixth look: the fifth found the job running and stopped nothing.
        Assert.True(await _clock.NextWaitAsync(timeout.Token), "The watch stopped looking after look 5.");
        Assert.False(watch.Token.IsCancellationRequested);
        _orchestrations.Verify(client => client.GetInstanceAsync(InstanceId, false, It.IsAny<CancellationToken>()), Times.Exactly(5));
    }

    private static Task Cancelled(CancellationToken token)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        token.Register(cancelled.SetResult);
        return cancelled.Task;
    }

    /// <summary>A fake clock that says when something starts waiting on it, so the test advances it only then.</summary>
    private sealed class WaitingClock : FakeTimeProvider
    {
        private readonly SemaphoreSlim _timersCreated = new(0);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            _timersCreated.Release();
            return timer;
        }

        /// <summary>True once something waits on the clock; false when nothing does before the test's time is up.</summary>
        public async Task<bool> NextWaitAsync(CancellationToken testTimeout)
        {
            try
            {
                await _timersCreated.WaitAsync(testTimeout);
                return true;
            }
            catch (OperationCanceledException) when (testTimeout.IsCancellationRequested)
            {
                return false;
            }
        }
    }
}
