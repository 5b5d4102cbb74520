using System.Text;
using MediaFunctions.Cli.Events;

namespace MediaFunctions.Cli.Tests.Events;

/// <summary>The event-stream parser: ids, types, multi-line data, comments and an unfinished last event.</summary>
public sealed class EventStreamReaderTests
{
    [Fact]
    public async Task ReadAsync_EventsCommentsAndMultiLineData_YieldsEachEventWithItsId()
    {
        const string text = ": keep-alive\n\nid: 1\nevent: progress\ndata: {\"state\":\"running\"}\n\n: keep-alive\n\n"
            + "id: 2\nevent: done\ndata: {\"a\":\ndata: 1}\n\ndata: unfinished";
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));

        var events = new List<ServerSentEvent>();
        await foreach (var item in EventStreamReader.ReadAsync(stream))
        {
            events.Add(item);
        }

        Assert.Equal(
            [new ServerSentEvent("1", "progress", "{\"state\":\"running\"}"), new ServerSentEvent("2", "done", "{\"a\":\n1}")],
            events);
    }

    [Fact]
    public async Task ReadAsync_EventWithoutId_KeepsTheLastId()
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes("id: 7\ndata: a\n\ndata: b\n\n"));

        var events = new List<ServerSentEvent>();
        await foreach (var item in EventStreamReader.ReadAsync(stream))
        {
            events.Add(item);
        }

        Assert.Equal(["7", "7"], events.Select(item => item.Id));
        Assert.Equal(["message", "message"], events.Select(item => item.Type));
    }
}
