using MediaFunctions.Orchestration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Durable.Diagnostics;

/// <summary>
/// Small orchestrations for checking a running engine end to end (tests, benchmarks, operators):
/// enabled by <c>Durable:EnableDiagnosticWorkflows</c>.
/// </summary>
public static class DiagnosticWorkflows
{
    public const string Echo = "Diagnostics.Echo";
    public const string WaitForEvent = "Diagnostics.WaitForEvent";
    public const string Timer = "Diagnostics.Timer";
    public const string Chain = "Diagnostics.Chain";
    public const string FanOut = "Diagnostics.FanOut";
    public const string Add = "Diagnostics.Add";
    public const string Mixed = "Diagnostics.Mixed";
    public const string SlowAdd = "Diagnostics.SlowAdd";

    public static IServiceCollection AddDiagnosticWorkflows(this IServiceCollection services)
    {
        // Returns its input.
        services.AddOrchestrator(Echo, context => Task.FromResult(context.GetInput<object>()));
        // Waits for the event "go" and returns its data.
        services.AddOrchestrator(WaitForEvent, async context => await context.WaitForExternalEvent<object?>("go"));
        // Sleeps on a durable timer for the number of seconds given, then returns "done".
        services.AddOrchestrator(Timer, async context =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(context.GetInput<double>()));
            return "done";
        });
        // Adds 1 to its input n times, one activity after another; returns the sum.
        services.AddOrchestrator(Chain, async context =>
        {
            var count = context.GetInput<int>();
            var sum = 0;
            for (var i = 0; i < count; i++)
            {
                sum = await context.CallActivityAsync<int>(Add, new AddInput(sum, 1));
            }

            return sum;
        });
        // Runs n activities at once and sums their results (0 + 1 + … + n-1).
        services.AddOrchestrator(FanOut, async context =>
        {
            var count = context.GetInput<int>();
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i => context.CallActivityAsync<int>(Add, new AddInput(i, 0))));
            return results.Sum();
        });
        // A chain of slow steps, a durable timer, then a fan-out of slow steps: returns Steps + (0 + 1 + … + FanOut-1).
        services.AddOrchestrator(Mixed, async context =>
        {
            var input = context.GetInput<MixedInput>()!;
            var sum = 0;
            for (var i = 0; i < input.Steps; i++)
            {
                sum = await context.CallActivityAsync<int>(SlowAdd, new SlowAddInput(sum, 1, input.DelayMilliseconds));
            }

            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(input.TimerSeconds));
            var fanned = await Task.WhenAll(Enumerable.Range(0, input.FanOut)
                .Select(i => context.CallActivityAsync<int>(SlowAdd, new SlowAddInput(i, 0, input.DelayMilliseconds))));
            return sum + fanned.Sum();
        });
        services.AddActivity(SlowAdd, async (context, cancellationToken) =>
        {
            var input = context.GetInput<SlowAddInput>()!;
            await Task.Delay(input.DelayMilliseconds, cancellationToken);
            return input.A + input.B;
        });
        services.AddActivity(Add, (context, _) =>
        {
            var input = context.GetInput<AddInput>()!;
            return Task.FromResult<object?>(input.A + input.B);
        });
        return services;
    }

    /// <summary>The input of <see cref="Add"/>.</summary>
    public sealed record AddInput(int A, int B);

    /// <summary>The input of <see cref="SlowAdd"/>.</summary>
    public sealed record SlowAddInput(int A, int B, int DelayMilliseconds);

    /// <summary>The input of <see cref="Mixed"/>.</summary>
    public sealed record MixedInput(int Steps, int FanOut, int DelayMilliseconds, double TimerSeconds);
}
