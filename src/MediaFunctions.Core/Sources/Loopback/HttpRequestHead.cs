using System.Text;

namespace MediaFunctions.Core.Sources.Loopback;

/// <summary>The request line and headers of one HTTP/1.x request, as a loopback server received them.</summary>
internal sealed record HttpRequestHead(string Method, string Target, string Version, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    /// <summary>True when the client expects the connection to stay open after the response.</summary>
    public bool KeepAlive => Version == "HTTP/1.1"
        ? !string.Equals(Header("Connection"), "close", StringComparison.OrdinalIgnoreCase)
        : string.Equals(Header("Connection"), "keep-alive", StringComparison.OrdinalIgnoreCase);

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Reads the head from its bytes (without the blank line that ends it).</summary>
    /// <exception cref="InvalidDataException">It is not an HTTP/1.x request head.</exception>
    public static HttpRequestHead Parse(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || requestLine[1].Length == 0)
        {
            throw new InvalidDataException("Not an HTTP/1.x request line.");
        }

        var headers = new List<KeyValuePair<string, string>>(lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException("A request header line has no name.");
            }

            headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
        }

        return new HttpRequestHead(requestLine[0], requestLine[1], requestLine[2], headers);
    }
}
