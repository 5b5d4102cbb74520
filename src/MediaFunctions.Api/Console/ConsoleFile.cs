using System.Security.Cryptography;

namespace MediaFunctions.Api.Console;

/// <summary>
/// One file of the web console as it ships inside the Api assembly: its bytes, content type and a strong ETag of its content, so a
/// browser revalidates cheaply (304) and never runs a stale script after an upgrade.
/// </summary>
/// <param name="Name">The file's name under <c>/console/</c>, e.g. <c>app.js</c>.</param>
/// <param name="Content">The file's bytes (a few kilobytes of text).</param>
/// <param name="ContentType">The media type with charset, as the browser needs it to run modules under a strict CSP.</param>
/// <param name="ETag">A quoted hash of <paramref name="Content"/>.</param>
public sealed record ConsoleFile(string Name, ReadOnlyMemory<byte> Content, string ContentType, string ETag)
{
    /// <summary>The file named <paramref name="name"/> with <paramref name="content"/>, its type from its extension.</summary>
    public static ConsoleFile Create(string name, byte[] content) =>
        new(name, content, ContentTypeOf(name), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        var other => throw new InvalidOperationException($"The console file '{name}' has an extension ({other}) the console does not serve."),
    };
}
