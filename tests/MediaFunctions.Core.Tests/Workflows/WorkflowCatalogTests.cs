using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Telemetry;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Orchestration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Tests.Workflows;

public class WorkflowCatalogTests
{
    [Fact]
    public void AddMediaJobsAndProductions_RegisterExactlyTheCatalog()
    {
        var services = new ServiceCollection().AddMediaJobs(new ConfigurationBuilder().Build()).AddProductions();
        var registrations = services.Where(d => d.ServiceType == typeof(WorkflowRegistration))
            .Select(d => (WorkflowRegistration)d.ImplementationInstance!).ToList();

        Assert.Equal(WorkflowCatalog.Orchestrators.Order(), registrations.Where(r => r.Kind == WorkflowKind.Orchestrator).Select(r => r.Name).Order());
        Assert.Equal(WorkflowCatalog.Activities.Order(), registrations.Where(r => r.Kind == WorkflowKind.Activity).Select(r => r.Name).Order());
    }

    [Fact]
    public void Orchestrators_UseOnlyDeterministicCalls()
    {
        var orchestrators = typeof(WorkflowCatalog).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IOrchestrator))).ToList();
        // The counter that wraps the job orchestrators is no workflow of its own, but it is replayed with them: its calls are checked too.
        Assert.Equal(WorkflowCatalog.Orchestrators.Order(), orchestrators.Where(type => type != typeof(JobOutcomeCounter)).Select(type => type.Name).Order());

        var calls = OrchestratorCode.NonDeterministicCalls(orchestrators);

        Assert.True(calls.Count == 0, $"Orchestrators are replayed, so they must use their context instead of:\n{string.Join('\n', calls)}");
    }

    [Theory]
    [InlineData(typeof(ClockInAHelperOrchestrator), "DateTime.UtcNow")]
    [InlineData(typeof(GuidInALambdaOrchestrator), "Guid.NewGuid")]
    [InlineData(typeof(DelayInAContextExtensionOrchestrator), "Task.Delay")]
    [InlineData(typeof(ConfigureAwaitFalseOrchestrator), "Task.ConfigureAwait")]
    public void NonDeterministicCalls_UnsafeCallWhereverTheOrchestratorReachesIt_Found(Type orchestrator, string call)
    {
        var calls = OrchestratorCode.NonDeterministicCalls([orchestrator]);

        Assert.Contains(calls, found => found.StartsWith(call + " in ", StringComparison.Ordinal));
    }

    private sealed class ClockInAHelperOrchestrator : Orchestrator<int, DateTime>
    {
        public override Task<DateTime> RunAsync(IOrchestrationContext context, int input) => Task.FromResult(ReplayUnsafeHelpers.Deadline(input));
    }

    private sealed class GuidInALambdaOrchestrator : Orchestrator<int, string>
    {
        public override async Task<string> RunAsync(IOrchestrationContext context, int input) =>
            string.Join(',', await Task.WhenAll(Enumerable.Range(0, input).Select(async _ => await context.CallActivityAsync<string>("Name", Guid.NewGuid()))));
    }

    private sealed class DelayInAContextExtensionOrchestrator : Orchestrator<int, int>
    {
        public override async Task<int> RunAsync(IOrchestrationContext context, int input)
        {
            await context.PauseAsync();
            return input;
        }
    }

    private sealed class ConfigureAwaitFalseOrchestrator : Orchestrator<int, int>
    {
        public override async Task<int> RunAsync(IOrchestrationContext context, int input) =>
            await context.CallActivityAsync<int>("Double", input).ConfigureAwait(false);
    }
}

internal static class ReplayUnsafeHelpers
{
    public static DateTime Deadline(int minutes) => DateTime.UtcNow.AddMinutes(minutes);

    public static async Task PauseAsync(this IOrchestrationContext context)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        context.SetCustomStatus("paused");
    }
}
