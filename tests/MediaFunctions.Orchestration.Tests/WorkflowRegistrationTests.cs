using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Orchestration.Tests;

public class WorkflowRegistrationTests
{
    private sealed class SampleActivity : Activity<int, int>
    {
        public override Task<int> RunAsync(ActivityContext context, int input, CancellationToken cancellationToken) => Task.FromResult(input + 1);
    }

    private sealed class SampleOrchestrator : Orchestrator<int, int>
    {
        public override Task<int> RunAsync(IOrchestrationContext context, int input) => Task.FromResult(input);
    }

    [Fact]
    public async Task AddActivity_RegistersUnderTheTypeName_AndTypedInputReachesIt()
    {
        var services = new ServiceCollection().AddActivity<SampleActivity>().AddOrchestrator<SampleOrchestrator>().BuildServiceProvider();
        var registrations = services.GetServices<WorkflowRegistration>().ToList();

        Assert.Contains(registrations, r => r is { Name: nameof(SampleActivity), Kind: WorkflowKind.Activity });
        Assert.Contains(registrations, r => r is { Name: nameof(SampleOrchestrator), Kind: WorkflowKind.Orchestrator });
        var activity = (IActivity)registrations.Single(r => r.Kind == WorkflowKind.Activity).Factory(services);
        Assert.Equal(42, await activity.RunAsync(new ActivityContext(nameof(SampleActivity), "i", "41"), CancellationToken.None));
    }
}
