using MediaFunctions.Core.Webhooks;
using MediaFunctions.Core.Workflows.Webhooks;
using MediaFunctions.Orchestration;
using Moq;

namespace MediaFunctions.Core.Tests.Workflows;

public class WebhookDeliveryOrchestratorTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly WebhookDelivery Delivery =
        new("https://receiver.example/hook", "alice", "job.completed", "{\"id\":\"alice-1\"}", MaxAttempts: 5, FirstRetryInterval: TimeSpan.FromSeconds(1));

    /// <summary>A strict context whose attempts answer in turn with <paramref name="answers"/>; records each timer's due time.</summary>
    private static Mock<IOrchestrationContext> Context(List<DateTime> timers, params Func<Task<WebhookAttemptResult>>[] answers)
    {
        var context = new Mock<IOrchestrationContext>(MockBehavior.Strict);
        var next = 0;
        context.Setup(c => c.CallActivityAsync<WebhookAttemptResult>(nameof(SendWebhookActivity), It.IsAny<WebhookAttempt>(), null))
            .Returns(() => answers[next++]());
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Now);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), default)).Callback<DateTime, CancellationToken>((at, _) => timers.Add(at)).Returns(Task.CompletedTask);
        return context;
    }

    private static Func<Task<WebhookAttemptResult>> Answer(WebhookAttemptResult result) => () => Task.FromResult(result);

    private static readonly WebhookAttemptResult ServerError = new(false, 500, "The receiver answered 500.");

    [Fact]
    public async Task Run_ReceiverFailsTwice_DeliversOnTheThirdAttemptAfterOneAndTwoSeconds()
    {
        var timers = new List<DateTime>();
        var context = Context(timers, Answer(ServerError), Answer(ServerError), Answer(WebhookAttemptResult.Success(204)));

        var result = await new WebhookDeliveryOrchestrator().RunAsync(context.Object, Delivery);

        Assert.Equal(new WebhookDeliveryResult(true, 3, 204, null), result);
        Assert.Equal([Now.AddSeconds(1), Now.AddSeconds(2)], timers);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            context.Verify(c => c.CallActivityAsync<WebhookAttemptResult>(nameof(SendWebhookActivity), new WebhookAttempt(Delivery, attempt), null), Times.Once);
        }
    }

    [Fact]
    public async Task Run_ReceiverNeverAnswers2xx_GivesUpAfterMaxAttemptsWithoutFailing()
    {
        var timers = new List<DateTime>();
        var context = Context(timers, [.. Enumerable.Repeat(Answer(ServerError), 5)]);

        var result = await new WebhookDeliveryOrchestrator().RunAsync(context.Object, Delivery);

        Assert.Equal(new WebhookDeliveryResult(false, 5, 500, ServerError.Error), result);
        Assert.Equal([Now.AddSeconds(1), Now.AddSeconds(2), Now.AddSeconds(4), Now.AddSeconds(8)], timers);
    }

    [Fact]
    public async Task Run_AddressRefused_StopsAtOnce()
    {
        var timers = new List<DateTime>();
        var refused = new WebhookAttemptResult(false, null, "The URL's host is a private address.", Retryable: false);
        var context = Context(timers, Answer(refused));

        var result = await new WebhookDeliveryOrchestrator().RunAsync(context.Object, Delivery);

        Assert.False(result.Delivered);
        Assert.Equal(1, result.Attempts);
        Assert.Empty(timers);
    }

    [Fact]
    public async Task Run_SendActivityFails_CountsAsAFailedAttemptAndRetries()
    {
        var timers = new List<DateTime>();
        var failure = new TaskFailedException(nameof(SendWebhookActivity), 0, new TaskFailureDetails("Azure.RequestFailedException", "storage is down"));
        var context = Context(timers, () => Task.FromException<WebhookAttemptResult>(failure), Answer(WebhookAttemptResult.Success(200)));

        var result = await new WebhookDeliveryOrchestrator().RunAsync(context.Object, Delivery);

        Assert.True(result.Delivered);
        Assert.Equal(2, result.Attempts);
    }
}
