using System.Runtime.CompilerServices;
using System.Text;

namespace MediaFunctions.Cli.Events;

/// <summary>
/// Reads <c>text/event-stream</c> as the HTML standard gives it: fields up to a blank line make one event,
/// comment lines (<c>: keep-alive</c>) only prove the connection lives. A stream silent for longer than
/// <see cref="IdleTimeout"/> is taken as dead (the server sends a comment every 15 s), so the caller reconnects.
/// </summary>
public static class EventStreamReader
{
    /// <summary>How long the stream may send nothing, comments included, before it counts as broken.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(45);

    /// <summary>The events of <paramref name="stream"/> until it ends; throws <see cref="TimeoutException"/> when it goes silent.</summary>
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        string? id = null;
        var type = "message";
        var data = new StringBuilder();
        var hasData = false;
        while (true)
        {
            string? line;
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                idle.CancelAfter(IdleTimeout);
                try
                {
                    line = await reader.ReadLineAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The event stream sent nothing for {IdleTimeout.TotalSeconds:0} s.");
                }
            }

            if (line is null)
            {
                yield break;
            }

            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new ServerSentEvent(id, type, data.ToString());
                }

                type = "message";
                data.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    type = value;
                    break;
                case "data":
                    if (hasData)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    hasData = true;
                    break;
            }
        }
    }
}
