namespace MediaFunctions.Testing;

/// <summary>Finds files of the repository from a test's output folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the tests that holds MediaFunctions.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built in (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MediaFunctions.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No MediaFunctions.sln above {AppContext.BaseDirectory}.");
    }
}
