using MediaFunctions.Core.Workflows;
using MediaFunctions.Functions.Tests.Runtime;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>The generated Durable triggers against <see cref="WorkflowCatalog"/>: one function per orchestrator and activity, and nothing else.</summary>
public sealed class WorkflowTriggerTests
{
    public static TheoryData<string, string> CatalogNames()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in WorkflowCatalog.Orchestrators)
        {
            data.Add("orchestrationTrigger", name);
        }

        foreach (var name in WorkflowCatalog.Activities)
        {
            data.Add("activityTrigger", name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogNames))]
    public void CatalogName_Generated_HasExactlyOneTriggerFunction(string trigger, string name) =>
        Assert.Single(GeneratedFunction.All, function => function.Name == name && function.Trigger.Type == trigger);

    [Fact]
    public void GeneratedFunctions_NotHttp_AreAllInTheCatalog()
    {
        var catalog = WorkflowCatalog.Orchestrators.Select(name => ("orchestrationTrigger", name))
            .Concat(WorkflowCatalog.Activities.Select(name => ("activityTrigger", name)))
            .ToHashSet();

        var leftOver = GeneratedFunction.All
            .Where(function => function.Trigger.Type != "httpTrigger" && !catalog.Contains((function.Trigger.Type, function.Name)))
            .Select(function => $"{function.Name} ({function.Trigger.Type})")
            .ToList();

        Assert.Empty(leftOver);
    }
}
