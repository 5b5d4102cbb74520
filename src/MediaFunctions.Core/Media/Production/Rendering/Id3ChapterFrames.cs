using System.Buffers.Binary;
using System.Text;
using MediaFunctions.Core.Media.Production.Chapters;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Adds each chapter's link (WXXX) and picture (APIC) to the CHAP frames of the ID3v2.3 tag ffmpeg wrote at the
/// start of an MP3, and writes the table of contents (CTOC, top-level and ordered) that lists them, as the ID3v2
/// Chapter Frame Addendum 1.0 has them. The other frames, and the subframes ffmpeg wrote in each CHAP (the
/// TIT2 title, a TXXX copy of the link), are kept as they are.
/// </summary>
/// <remarks>
/// <para>NOTE: not TagLib# 2.3.0, the tag library our package feed has: it reads and writes CHAP and CTOC with
/// subframes, but writes a WXXX frame's description and link joined by a slash with no terminator, which
/// players read as one description without a link, and it adds an ID3v1 tag on every save.</para>
/// <para>The tag is rewritten into a new file followed by the audio, copied through a buffer, and the new file
/// then replaces the old one: the MP3 is never held in memory.</para>
/// </remarks>
internal static class Id3ChapterFrames
{
    private const int HeaderLength = 10;

    /// <summary>ID3v2.3 tag sizes are 28-bit synchsafe integers.</summary>
    private const int MaxTagSize = (1 << 28) - 1;

    /// <summary>The CTOC's element id, as ffmpeg names its own.</summary>
    private const string TableOfContentsId = "toc";

    private static readonly Encoding Latin1 = Encoding.Latin1;

    /// <param name="mp3Path">An MP3 whose ID3v2.3 tag has one CHAP frame per chapter, in order.</param>
    /// <param name="chapters">The chapters: their links go into WXXX frames.</param>
    /// <param name="imagePaths">Each chapter's picture (null where it has none), or empty.</param>
    /// <param name="cancellationToken">Stops the copy; the MP3 is then left as it was.</param>
    /// <exception cref="InvalidDataException">The file does not start with such a tag.</exception>
    public static async Task AddLinksAndImagesAsync(
        string mp3Path, IReadOnlyList<ProductionChapter> chapters, IReadOnlyList<string?> imagePaths, CancellationToken cancellationToken = default)
    {
        var rewritten = mp3Path + ".id3";
        try
        {
            await using (var source = new FileStream(mp3Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, useAsync: true))
            {
                var header = new byte[HeaderLength];
                await source.ReadExactlyAsync(header, cancellationToken);
                if (header[0] != 'I' || header[1] != 'D' || header[2] != '3' || header[3] != 3 || header[5] != 0)
                {
                    throw new InvalidDataException($"{mp3Path} does not start with an ID3v2.3 tag without flags.");
                }

                var body = new byte[ReadSynchsafe(header.AsSpan(6))];
                await source.ReadExactlyAsync(body, cancellationToken);
                var frames = await RewriteAsync(ReadFrames(body), chapters, imagePaths, cancellationToken);

                await using var target = new FileStream(rewritten, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
                var size = frames.Sum(frame => (long)frame.Length);
                if (size > MaxTagSize)
                {
                    throw new InvalidDataException($"The chapter pictures make the ID3 tag {size} bytes long, more than ID3v2.3 holds.");
                }

                WriteSynchsafe(header.AsSpan(6), (int)size);
                await target.WriteAsync(header, cancellationToken);
                foreach (var frame in frames)
                {
                    await target.WriteAsync(frame, cancellationToken);
                }

                await source.CopyToAsync(target, cancellationToken);
            }

            File.Move(rewritten, mp3Path, overwrite: true);
        }
        finally
        {
            File.Delete(rewritten);
        }
    }

    /// <summary>The frames of the tag in order, whole (header and content); the padding after them is left out.</summary>
    private static List<byte[]> ReadFrames(byte[] body)
    {
        var frames = new List<byte[]>();
        var position = 0;
        while (position + HeaderLength <= body.Length && body[position] != 0)
        {
            var length = HeaderLength + (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(position + 4));
            if (length < HeaderLength || position + length > body.Length)
            {
                throw new InvalidDataException("An ID3 frame runs past the end of its tag.");
            }

            frames.Add(body[position..(position + length)]);
            position += length;
        }

        return frames;
    }

    private static async Task<List<byte[]>> RewriteAsync(
        List<byte[]> frames, IReadOnlyList<ProductionChapter> chapters, IReadOnlyList<string?> imagePaths, CancellationToken cancellationToken)
    {
        var chapterIds = new List<string>();
        var rewritten = new List<byte[]>();
        var tableAt = -1;
        foreach (var frame in frames)
        {
            switch (Id(frame))
            {
                case "CTOC":
                    tableAt = tableAt < 0 ? rewritten.Count : tableAt;
                    break;
                case "CHAP":
                    var index = chapterIds.Count;
                    if (index >= chapters.Count)
                    {
                        throw new InvalidDataException($"The MP3 has more CHAP frames than the {chapters.Count} chapters.");
                    }

                    tableAt = tableAt < 0 ? rewritten.Count : tableAt;
                    chapterIds.Add(ElementId(frame));
                    var image = imagePaths.Count > 0 && imagePaths[index] is { } path ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
                    rewritten.Add(WithSubframes(frame, chapters[index].Url, image));
                    break;
                default:
                    rewritten.Add(frame);
                    break;
            }
        }

        if (chapterIds.Count != chapters.Count)
        {
            throw new InvalidDataException($"The MP3 has {chapterIds.Count} CHAP frames for {chapters.Count} chapters.");
        }

        rewritten.Insert(tableAt, TableOfContents(chapterIds));
        return rewritten;
    }

    /// <summary>A CHAP frame with a WXXX and an APIC subframe after those it has.</summary>
    private static byte[] WithSubframes(byte[] chapter, Uri? url, byte[]? image)
    {
        using var content = new MemoryStream();
        content.Write(chapter.AsSpan(HeaderLength));
        if (url is not null)
        {
            // Text encoding ISO-8859-1, an empty description, then the link (a URI's escaped form is ASCII).
            content.Write(Frame("WXXX", [0, 0, .. Latin1.GetBytes(url.AbsoluteUri)]));
        }

        if (image is not null)
        {
            // Encoding, MIME type, picture type 0 ("other"), an empty description, then the picture.
            content.Write(Frame("APIC", [0, .. Latin1.GetBytes(MimeType(image)), 0, 0, 0, .. image]));
        }

        return Frame("CHAP", content.ToArray());
    }

    private static byte[] TableOfContents(List<string> chapterIds)
    {
        if (chapterIds.Count > byte.MaxValue)
        {
            throw new InvalidDataException($"A table of contents lists at most {byte.MaxValue} chapters; there are {chapterIds.Count}.");
        }

        var content = new List<byte>([.. Latin1.GetBytes(TableOfContentsId), 0]);
        // Flags: top-level (0x01), ordered (0x02); then the entry count and the entries.
        content.AddRange([0x03, (byte)chapterIds.Count]);
        foreach (var id in chapterIds)
        {
            content.AddRange([.. Latin1.GetBytes(id), 0]);
        }

        return Frame("CTOC", [.. content]);
    }

    private static byte[] Frame(string id, ReadOnlySpan<byte> content)
    {
        var frame = new byte[HeaderLength + content.Length];
        Latin1.GetBytes(id, frame);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)content.Length);
        content.CopyTo(frame.AsSpan(HeaderLength));
        return frame;
    }

    private static string Id(byte[] frame) => Latin1.GetString(frame, 0, 4);

    /// <summary>A CHAP frame's element id: the Latin-1 string its content starts with.</summary>
    private static string ElementId(byte[] chapter)
    {
        var content = chapter.AsSpan(HeaderLength);
        var end = content.IndexOf((byte)0);
        return end < 0 ? throw new InvalidDataException("A CHAP frame has no element id.") : Latin1.GetString(content[..end]);
    }

    /// <summary>The picture's type from its first bytes, as ID3 wants it named.</summary>
    private static string MimeType(byte[] image) => image switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [(byte)'G', (byte)'I', (byte)'F', ..] => "image/gif",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "image/webp",
        _ => "application/octet-stream",
    };

    private static int ReadSynchsafe(ReadOnlySpan<byte> bytes) => (bytes[0] << 21) | (bytes[1] << 14) | (bytes[2] << 7) | bytes[3];

    private static void WriteSynchsafe(Span<byte> bytes, int value)
    {
        for (var i = 0; i < 4; i++)
        {
            bytes[i] = (byte)((value >> (7 * (3 - i))) & 0x7F);
        }
    }
}
