using System.Text.RegularExpressions;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Testing;

namespace MediaFunctions.Core.Tests.Workflows;

/// <summary>
/// The Azure host (src/MediaFunctions.Functions) is built outside the offline solution, so its
/// sources are read here: every orchestrator and activity of the catalog needs its trigger
/// function there, named as the engine names it, or Azure would never run it.
/// </summary>
public partial class FunctionsAppCatalogTests
{
    private const string OrchestrationTrigger = "OrchestrationTrigger";
    private const string ActivityTrigger = "ActivityTrigger";

    // [Function(nameof(X))] or [Function("X")], then the method's signature up to its trigger attribute.
    [GeneratedRegex(@"\[Function\((?:nameof\((?:\w+\.)*(?<name>\w+)\)|""(?<name>[^""]+)"")\)\]\s*public[^;{]*?\[(?<trigger>\w+Trigger)\b", RegexOptions.Singleline)]
    private static partial Regex TriggerFunction();

    private static IReadOnlyList<(string Name, string Trigger)> FunctionsInSources()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "src", "MediaFunctions.Functions");
        return [.. Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(file => TriggerFunction().Matches(File.ReadAllText(file)))
            .Select(match => (match.Groups["name"].Value, match.Groups["trigger"].Value))];
    }

    [Fact]
    public void WorkflowCatalog_EveryOrchestratorAndActivity_HasItsTriggerFunction()
    {
        var functions = FunctionsInSources();

        Assert.All(WorkflowCatalog.Orchestrators, name => Assert.True(functions.Contains((name, OrchestrationTrigger)),
            $"src/MediaFunctions.Functions has no [Function(nameof({name}))] with an [{OrchestrationTrigger}]."));
        Assert.All(WorkflowCatalog.Activities, name => Assert.True(functions.Contains((name, ActivityTrigger)),
            $"src/MediaFunctions.Functions has no [Function(nameof({name}))] with an [{ActivityTrigger}]."));
    }

    [Fact]
    public void FunctionsApp_OrchestrationAndActivityTriggers_NameOnlyCatalogEntriesOnce()
    {
        var functions = FunctionsInSources();
        var orchestrators = functions.Where(f => f.Trigger == OrchestrationTrigger).Select(f => f.Name).ToList();
        var activities = functions.Where(f => f.Trigger == ActivityTrigger).Select(f => f.Name).ToList();

        Assert.Equal(WorkflowCatalog.Orchestrators.Order(), orchestrators.Order());
        Assert.Equal(WorkflowCatalog.Activities.Order(), activities.Order());
    }
}
