using System.Buffers.Binary;
using System.Text;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>
/// Reads the ID3v2.3 tag at the start of an MP3 as a podcast player does, subframes of CHAP and CTOC included:
/// what ffprobe does not show.
/// </summary>
public static class Id3TagReader
{
    public sealed record Frame(string Id, byte[] Content);

    /// <summary>A CHAP frame: its element id, times in milliseconds, and subframes.</summary>
    public sealed record Chapter(string ElementId, uint StartMilliseconds, uint EndMilliseconds, IReadOnlyList<Frame> Subframes)
    {
        public string? Title => Subframes.FirstOrDefault(frame => frame.Id == "TIT2") is { } title ? Text(title.Content) : null;

        /// <summary>A WXXX subframe's link: after the encoding byte and the terminated description.</summary>
        public string? Url => Subframes.FirstOrDefault(frame => frame.Id == "WXXX") is { Content: var content }
            ? Encoding.Latin1.GetString(content.AsSpan(2 + content.AsSpan(1).IndexOf((byte)0)))
            : null;

        /// <summary>An APIC subframe's MIME type and picture.</summary>
        public (string MimeType, byte[] Data)? Picture => Subframes.FirstOrDefault(frame => frame.Id == "APIC") is { Content: var content }
            ? Picture(content)
            : null;
    }

    /// <summary>A CTOC frame: its flags and the element ids it lists.</summary>
    public sealed record TableOfContents(bool IsTopLevel, bool IsOrdered, IReadOnlyList<string> ChapterIds);

    public static IReadOnlyList<Frame> ReadFrames(string path)
    {
        using var file = File.OpenRead(path);
        var header = new byte[10];
        file.ReadExactly(header);
        Assert.Equal("ID3", Encoding.Latin1.GetString(header, 0, 3));
        Assert.Equal(3, header[3]);
        var body = new byte[(header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9]];
        file.ReadExactly(body);
        return Frames(body);
    }

    public static IReadOnlyList<Chapter> ReadChapters(string path) =>
        [.. ReadFrames(path).Where(frame => frame.Id == "CHAP").Select(frame =>
        {
            var content = frame.Content;
            var idEnd = Array.IndexOf(content, (byte)0);
            var times = content.AsSpan(idEnd + 1);
            return new Chapter(
                Encoding.Latin1.GetString(content, 0, idEnd),
                BinaryPrimitives.ReadUInt32BigEndian(times),
                BinaryPrimitives.ReadUInt32BigEndian(times[4..]),
                Frames(content[(idEnd + 17)..]));
        })];

    public static IReadOnlyList<TableOfContents> ReadTablesOfContents(string path) =>
        [.. ReadFrames(path).Where(frame => frame.Id == "CTOC").Select(frame =>
        {
            var content = frame.Content;
            var position = Array.IndexOf(content, (byte)0) + 1;
            var flags = content[position];
            var count = content[position + 1];
            position += 2;
            var ids = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var end = Array.IndexOf(content, (byte)0, position);
                ids.Add(Encoding.Latin1.GetString(content, position, end - position));
                position = end + 1;
            }

            return new TableOfContents((flags & 1) != 0, (flags & 2) != 0, ids);
        })];

    private static List<Frame> Frames(byte[] body)
    {
        var frames = new List<Frame>();
        var position = 0;
        while (position + 10 <= body.Length && body[position] != 0)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(position + 4));
            frames.Add(new Frame(Encoding.Latin1.GetString(body, position, 4), body[(position + 10)..(position + 10 + size)]));
            position += 10 + size;
        }

        return frames;
    }

    /// <summary>A text frame's value: encoding 0 is Latin-1, 1 is UTF-16 with a byte order mark.</summary>
    private static string Text(byte[] content) =>
        (content[0] == 1 ? Encoding.Unicode.GetString(content.AsSpan(3)) : Encoding.Latin1.GetString(content.AsSpan(1))).TrimEnd('\0');

    private static (string MimeType, byte[] Data) Picture(byte[] content)
    {
        var mimeEnd = Array.IndexOf(content, (byte)0, 1);
        // The picture type byte, then a description terminated by one zero (Latin-1).
        var descriptionEnd = Array.IndexOf(content, (byte)0, mimeEnd + 2);
        return (Encoding.Latin1.GetString(content, 1, mimeEnd - 1), content[(descriptionEnd + 1)..]);
    }
}
