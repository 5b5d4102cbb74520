using System.Reflection;
using System.Text.Json;

namespace MediaFunctions.Functions.Tests.Runtime;

/// <summary>A trigger or binding of a generated function: its type (<c>httpTrigger</c>, <c>activityTrigger</c>, …) and, for HTTP, its route and methods.</summary>
public sealed record FunctionBinding(string Name, string Type, string? Route, IReadOnlyList<string> Methods);

/// <summary>
/// One function as the Functions worker SDK generated it at build time (<c>functions.metadata</c>,
/// which the Functions host reads in Azure): its name, the method it runs and its bindings.
/// </summary>
public sealed record GeneratedFunction(string Name, string EntryPoint, IReadOnlyList<FunctionBinding> Bindings)
{
    /// <summary>Every function of the app's build, read from the <c>functions.metadata</c> the build copies beside the tests.</summary>
    public static IReadOnlyList<GeneratedFunction> All { get; } = Read(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));

    /// <summary>The function's one trigger binding.</summary>
    public FunctionBinding Trigger => Bindings.Single(binding => binding.Type.EndsWith("Trigger", StringComparison.Ordinal));

    /// <summary>The method the entry point names, in the app's assembly.</summary>
    public MethodInfo Method
    {
        get
        {
            var split = EntryPoint.LastIndexOf('.');
            var type = typeof(FunctionsAppServiceCollectionExtensions).Assembly.GetType(EntryPoint[..split], throwOnError: true)!;
            return type.GetMethod(EntryPoint[(split + 1)..]) ?? throw new InvalidOperationException($"{EntryPoint} is not a public method.");
        }
    }

    /// <summary>The functions whose trigger is of <paramref name="type"/>.</summary>
    public static IEnumerable<GeneratedFunction> WithTrigger(string type) => All.Where(function => function.Trigger.Type == type);

    private static List<GeneratedFunction> Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return [.. document.RootElement.EnumerateArray().Select(function => new GeneratedFunction(
            function.GetProperty("name").GetString()!,
            function.GetProperty("entryPoint").GetString()!,
            [.. function.GetProperty("bindings").EnumerateArray().Select(binding => new FunctionBinding(
                binding.GetProperty("name").GetString()!,
                binding.GetProperty("type").GetString()!,
                binding.TryGetProperty("route", out var route) ? route.GetString() : null,
                binding.TryGetProperty("methods", out var methods) ? [.. methods.EnumerateArray().Select(method => method.GetString()!)] : []))]))];
    }
}
