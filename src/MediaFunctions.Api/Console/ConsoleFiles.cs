using System.Collections.Frozen;

namespace MediaFunctions.Api.Console;

/// <summary>
/// The web console's static files (<c>Console/wwwroot</c>, embedded in the Api assembly so both hosts serve the same bytes with no
/// file system or build step), read once.
/// </summary>
public static class ConsoleFiles
{
    /// <summary>The page served at <c>/</c>.</summary>
    public const string IndexName = "index.html";

    private const string ResourcePrefix = "Console/";

    private static readonly Lazy<FrozenDictionary<string, ConsoleFile>> Files = new(Load);

    /// <summary>The file named <paramref name="name"/>, or null (names are exact: no folders, no case folding).</summary>
    public static ConsoleFile? Find(string name) => Files.Value.GetValueOrDefault(name);

    private static FrozenDictionary<string, ConsoleFile> Load()
    {
        var assembly = typeof(ConsoleFiles).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(resource =>
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                var content = new byte[stream.Length];
                stream.ReadExactly(content);
                return ConsoleFile.Create(resource[ResourcePrefix.Length..], content);
            })
            .ToFrozenDictionary(file => file.Name, StringComparer.Ordinal);
    }
}
