using System.Text.RegularExpressions;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Orchestration;
using MediaFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Tests.Workflows;

public partial class WorkflowCatalogTests
{
    [Fact]
    public void AddMediaJobs_RegistersExactlyTheCatalog()
    {
        var services = new ServiceCollection().AddMediaJobs(new ConfigurationBuilder().Build());
        var registrations = services.Where(d => d.ServiceType == typeof(WorkflowRegistration))
            .Select(d => (WorkflowRegistration)d.ImplementationInstance!).ToList();

        Assert.Equal(WorkflowCatalog.Orchestrators.Order(), registrations.Where(r => r.Kind == WorkflowKind.Orchestrator).Select(r => r.Name).Order());
        Assert.Equal(WorkflowCatalog.Activities.Order(), registrations.Where(r => r.Kind == WorkflowKind.Activity).Select(r => r.Name).Order());
    }

    // Orchestrators are replayed: they must not read the clock, make GUIDs, sleep, start threads or do I/O.
    [GeneratedRegex(@"DateTime(Offset)?\.(Utc)?Now|Guid\.NewGuid|Task\.Delay|Task\.Run|Thread\.|new HttpClient|File\.|Directory\.|Environment\.|ConfigureAwait\(false\)|Random")]
    private static partial Regex NonDeterministicCall();

    [Fact]
    public void Orchestrators_UseOnlyDeterministicCalls()
    {
        var orchestrators = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "src", "MediaFunctions.Core", "Workflows"), "*Orchestrator.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(orchestrators);
        foreach (var file in orchestrators)
        {
            var match = NonDeterministicCall().Match(File.ReadAllText(file));
            Assert.False(match.Success, $"{Path.GetFileName(file)} calls {match.Value}, which is not replay-safe; use the orchestration context.");
        }
    }
}
