using MediaFunctions.Orchestration;

namespace MediaFunctions.Functions.Tests.Orchestration;

/// <summary>The Durable Task SDK replays an orchestrator from its history at every step, through the app's adapters.</summary>
public sealed class DurableFunctionsReplayTests
{
    [Fact]
    public async Task Chain_EachStep_RerunsTheOrchestratorFromHistoryWithTheSameResults()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var runs = new List<(bool Replaying, int Completed)>();
        await using var runtime = await DurableFunctionsRuntime.StartAsync(services => services
            .AddActivity("Double", (context, _) => Task.FromResult<object?>(context.GetInput<int>() * 2))
            .AddOrchestrator("Chain", async context =>
            {
                var completed = 0;
                var value = context.GetInput<int>();
                var replaying = context.IsReplaying;
                for (var step = 0; step < 3; step++)
                {
                    value = await context.CallActivityAsync<int>("Double", value);
                    completed++;
                }

                lock (runs)
                {
                    runs.Add((replaying, completed));
                }

                return value;
            }));
        var id = await runtime.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 1);

        var done = await runtime.Client.WaitForInstanceCompletionAsync(id, true, timeout.Token);

        Assert.Equal(8, done.ReadOutputAs<int>());
        // Only the last run gets past the third activity; it began by replaying the first three steps' results.
        Assert.Equal((true, 3), Assert.Single(runs));
    }
}
