using MediaFunctions.Testing;

namespace MediaFunctions.Functions.Tests.Publish;

/// <summary>
/// The Functions app published once, the way <c>azd deploy</c> publishes it (<c>dotnet publish -c Release</c>), into a
/// temp folder that is deleted afterwards.
/// </summary>
public sealed class PublishedAppFixture : IAsyncLifetime
{
    // Restore and a Release build of the app and its libraries on 2 busy cores.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(15);

    /// <summary>The temp folder of the class: the publish output and whatever the tests make beside it.</summary>
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "mf-publish-" + Guid.NewGuid().ToString("N"));

    /// <summary>The publish output.</summary>
    public string Folder => Path.Combine(Root, "app");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(PublishTimeout);
        var project = Path.Combine(RepositoryPaths.Root, "src", "MediaFunctions.Functions");
        // No build servers: nothing of the publish outlives the test run.
        var result = await ChildProcess.RunAsync("dotnet",
            ["publish", project, "-c", "Release", "-o", Folder, "--nologo", "-v", "quiet", "--disable-build-servers"], timeout.Token);
        Assert.True(result.ExitCode == 0, $"dotnet publish: {result}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
