using System.Text;

namespace MediaFunctions.Core.Sources.Loopback;

/// <summary>Writes HTTP/1.1 responses to one client connection and remembers whether a head went out.</summary>
internal sealed class HttpResponseWriter(Stream stream)
{
    /// <summary>True once a response head has been written; after that only the connection can signal a failure.</summary>
    public bool Started { get; private set; }

    public Stream Body => stream;

    public async Task WriteHeadAsync(int status, string reason, IEnumerable<KeyValuePair<string, string>> headers, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        head.Append("HTTP/1.1 ").Append(status).Append(' ').Append(reason).Append("\r\n");
        foreach (var (name, value) in headers)
        {
            // Header values come from origins too: a line break in one must not start a header of its own.
            head.Append(name).Append(": ").Append(value.ReplaceLineEndings(" ")).Append("\r\n");
        }

        head.Append("\r\n");
        Started = true;
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>A response with a short plain-text body.</summary>
    public async Task WriteTextAsync(int status, string reason, string text, bool keepAlive, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(text);
        await WriteHeadAsync(status, reason,
        [
            new("Content-Type", "text/plain; charset=utf-8"),
            new("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Connection", keepAlive ? "keep-alive" : "close"),
        ], cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }
}
