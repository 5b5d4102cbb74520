using System.Diagnostics;
using MediaFunctions.Testing;

namespace MediaFunctions.Cli.Tests;

/// <summary>
/// The built tool, <c>dotnet mediafn.dll</c>, run as a user runs it: as a plain process (for <c>--json</c> and exit
/// codes) or in a pseudo-terminal (<see cref="TmuxScreen"/>), with the API's URL and key in the environment and no
/// config file of the machine's user.
/// </summary>
public static class Mediafn
{
    /// <summary>The tool's build beside the tests.</summary>
    public static string DllPath { get; } = Path.Combine(RepositoryPaths.Root, "src", "MediaFunctions.Cli", "bin", RepositoryPaths.Configuration, "net10.0",
        "mediafn.dll");

    /// <summary>The environment a run gets: the URL and key, and a config path that does not exist.</summary>
    public static Dictionary<string, string> Environment(Uri? url, string? key)
    {
        var environment = new Dictionary<string, string> { ["MEDIAFN_CONFIG"] = Path.Combine(Path.GetTempPath(), "mediafn-no-config.json") };
        if (url is not null)
        {
            environment["MEDIAFN_URL"] = url.ToString();
        }

        if (key is not null)
        {
            environment["MEDIAFN_KEY"] = key;
        }

        return environment;
    }

    /// <summary>Runs the tool to its end in <paramref name="workingDirectory"/>; a cancelled run is killed.</summary>
    public static async Task<ProcessResult> RunAsync(
        IReadOnlyDictionary<string, string> environment, string workingDirectory, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "MEDIAFN_URL", "MEDIAFN_KEY", "MEDIAFN_CONFIG" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return await ChildProcess.RunAsync(start, cancellationToken);
    }

    /// <summary>A new empty folder for a run's files.</summary>
    public static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mediafn-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
