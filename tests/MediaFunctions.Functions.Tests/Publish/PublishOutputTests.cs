using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Runtime.Versioning;
using System.Text.Json;
using MediaFunctions.Core.Workflows;
using MediaFunctions.Functions.Ffmpeg;
using MediaFunctions.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace MediaFunctions.Functions.Tests.Publish;

/// <summary>
/// What azd uploads: the publish output has the files the Functions host reads at start (the function metadata,
/// the worker config, host.json, the extensions to load), the ffmpeg bundle whole, and a size that fits; and the
/// bundle, with its exec bits lost as a zip deployment loses them, installs into an ffmpeg that runs.
/// </summary>
public class PublishOutputTests(PublishedAppFixture app, ITestOutputHelper output) : IClassFixture<PublishedAppFixture>
{
    private const string AppDll = "MediaFunctions.Functions.dll";

    /// <summary>The largest zipped package accepted: a blow-up (a second runtime, a debug bundle) shows here first.</summary>
    private const long MaxZippedBytes = 200_000_000;

    private static readonly string RepositoryBundle = Path.Combine(RepositoryPaths.Root, FfmpegLayerInstaller.BundleFolder);

    private static CancellationToken Timeout(int seconds = 60) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    private async Task<JsonElement> ReadJsonAsync(string relativePath, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(Path.Combine(app.Folder, relativePath));
        using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    /// <summary>Every <c>[Function]</c> method of the app, by function name.</summary>
    private static Dictionary<string, MethodInfo> FunctionMethods() =>
        typeof(FfmpegLayerInstaller).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<FunctionAttribute>() is not null)
            .ToDictionary(method => method.GetCustomAttribute<FunctionAttribute>()!.Name);

    /// <summary>The trigger attribute on one of the method's parameters.</summary>
    private static TriggerBindingAttribute Trigger(MethodInfo method) =>
        Assert.Single(method.GetParameters().SelectMany(parameter => parameter.GetCustomAttributes<TriggerBindingAttribute>()));

    /// <summary>The binding type the SDK writes for a trigger attribute: <c>HttpTriggerAttribute</c> → <c>httpTrigger</c>.</summary>
    private static string BindingType(TriggerBindingAttribute trigger)
    {
        var name = trigger.GetType().Name;
        return char.ToLowerInvariant(name[0]) + name[1..^"Attribute".Length];
    }

    [Fact]
    public async Task FunctionsMetadata_EveryFunctionMethod_HasOneEntryWithItsTrigger()
    {
        var methods = FunctionMethods();
        var entries = (await ReadJsonAsync("functions.metadata", Timeout())).EnumerateArray()
            .ToDictionary(entry => entry.GetProperty("name").GetString()!);

        Assert.Equal(methods.Keys.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(methods, function =>
        {
            var (name, method) = (function.Key, function.Value);
            var entry = entries[name];
            var trigger = Trigger(method);
            Assert.Equal(AppDll, entry.GetProperty("scriptFile").GetString());
            Assert.Equal($"{method.DeclaringType!.FullName}.{method.Name}", entry.GetProperty("entryPoint").GetString());
            var binding = Assert.Single(entry.GetProperty("bindings").EnumerateArray(),
                binding => binding.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(BindingType(trigger), binding.GetProperty("type").GetString());
            if (trigger is HttpTriggerAttribute http)
            {
                Assert.Equal(http.Route, binding.GetProperty("route").GetString());
            }
        });
        // The engine calls orchestrators and activities by these names.
        Assert.All(WorkflowCatalog.Orchestrators, name => Assert.IsType<OrchestrationTriggerAttribute>(Trigger(methods[name])));
        Assert.All(WorkflowCatalog.Activities, name => Assert.IsType<ActivityTriggerAttribute>(Trigger(methods[name])));
    }

    [Fact]
    public async Task WorkerConfig_Description_RunsTheAppDllAsDotnetIsolated()
    {
        var description = (await ReadJsonAsync("worker.config.json", Timeout())).GetProperty("description");

        Assert.Equal(AppDll, description.GetProperty("defaultWorkerPath").GetString());
        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.True(File.Exists(Path.Combine(app.Folder, AppDll)));
    }

    [Fact]
    public async Task HostJson_Published_IsTheRepositorysWithNoRoutePrefixAndTheDurableTaskSection()
    {
        var cancellationToken = Timeout();
        var extensions = (await ReadJsonAsync("host.json", cancellationToken)).GetProperty("extensions");

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "host.json"), cancellationToken),
            await File.ReadAllTextAsync(Path.Combine(app.Folder, "host.json"), cancellationToken));
        Assert.Equal("", extensions.GetProperty("http").GetProperty("routePrefix").GetString());
        var durableTask = extensions.GetProperty("durableTask");
        var storageProvider = durableTask.GetProperty("storageProvider");
        Assert.Equal("AzureStorage", storageProvider.GetProperty("type").GetString());
        Assert.True(durableTask.GetProperty("maxConcurrentActivityFunctions").GetInt32() > 0);
        // Durable's guidance for Flex Consumption: poll the task hub's queues every 10 s or more often.
        Assert.InRange(TimeSpan.Parse(storageProvider.GetProperty("maxQueuePollingInterval").GetString()!, CultureInfo.InvariantCulture),
            TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ExtensionsJson_Extensions_LoadTheDurableTaskExtensionFromTheOutput()
    {
        // The SDK writes it at the root of the output; the extension assemblies go to .azurefunctions/.
        var extensions = (await ReadJsonAsync("extensions.json", Timeout())).GetProperty("extensions").EnumerateArray().ToList();

        var durableTask = Assert.Single(extensions, extension =>
            extension.GetProperty("typeName").GetString()!.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask,", StringComparison.Ordinal));
        Assert.Equal("DurableTask", durableTask.GetProperty("name").GetString());
        Assert.All(extensions, extension => Assert.True(File.Exists(Path.Combine(app.Folder, extension.GetProperty("hintPath").GetString()!)),
            $"extensions.json points at {extension.GetProperty("hintPath")}, which is not in the output."));
    }

    [Fact]
    public void FfmpegLayer_Published_HasEveryFileOfTheRepositorysDistAtItsSize()
    {
        var cancellationToken = Timeout();
        Assert.True(File.Exists(Path.Combine(RepositoryBundle, "ffmpeg")), "ffmpeg-layer/dist is not built: run ffmpeg-layer/build.sh.");
        var published = Path.Combine(app.Folder, FfmpegLayerInstaller.BundleFolder);

        foreach (var file in Directory.EnumerateFiles(RepositoryBundle, "*", SearchOption.AllDirectories))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var relative = Path.GetRelativePath(RepositoryBundle, file);
            var copy = new FileInfo(Path.Combine(published, relative));
            Assert.True(copy.Exists, $"{relative} of ffmpeg-layer/dist is not in the publish output.");
            Assert.Equal(new FileInfo(file).Length, copy.Length);
        }

        Assert.True(File.Exists(Path.Combine(published, "ffmpeg")));
        Assert.True(File.Exists(Path.Combine(published, "ffprobe")));
        Assert.True(File.Exists(Path.Combine(published, FfmpegLayerInstaller.AmrNbLibrary)));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(published, "lib"), "libavcodec.so.*"));
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public async Task FfmpegLayerInstaller_BundleWithoutExecBits_InstallsAnFfmpegThatRuns()
    {
        var cancellationToken = Timeout();
        // The app folder as a zip deployment leaves it: every file 0644.
        var deployed = Path.Combine(app.Root, "deployed");
        var bundle = Path.Combine(app.Folder, FfmpegLayerInstaller.BundleFolder);
        foreach (var file in Directory.EnumerateFiles(bundle, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(deployed, FfmpegLayerInstaller.BundleFolder, Path.GetRelativePath(bundle, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
            File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var configuration = new ConfigurationManager();
        var installRoot = Directory.CreateDirectory(Path.Combine(app.Root, "tmp")).FullName;

        var folder = FfmpegLayerInstaller.Install(configuration, deployed, installRoot);

        Assert.NotNull(folder);
        Assert.StartsWith(installRoot, folder, StringComparison.Ordinal);
        Assert.Equal(folder, configuration["Ffmpeg:BinaryFolder"]);
        foreach (var executable in new[] { "ffmpeg", "ffprobe" })
        {
            var result = await ChildProcess.RunAsync(Path.Combine(folder, executable), ["-version"], cancellationToken);
            Assert.True(result.ExitCode == 0, $"The installed {executable} -version: {result}");
            Assert.StartsWith($"{executable} version", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Package_ZippedAsAzdZipsIt_IsUnder200MB()
    {
        var package = Path.Combine(app.Root, "package.zip");

        await ZipFile.CreateFromDirectoryAsync(app.Folder, package, CompressionLevel.Optimal, includeBaseDirectory: false, Timeout(300));

        var zipped = new FileInfo(package).Length;
        var onDisk = new DirectoryInfo(app.Folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
        output.WriteLine($"functions package: {zipped / 1_000_000} MB zipped, {onDisk / 1_000_000} MB on disk");
        Assert.True(zipped < MaxZippedBytes, $"The package is {zipped / 1_000_000} MB zipped.");
    }
}
