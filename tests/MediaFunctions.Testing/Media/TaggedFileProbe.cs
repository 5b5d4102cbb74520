using System.Globalization;
using System.Text.Json;
using MediaFunctions.Core.Ffmpeg;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Testing.Media;

/// <summary>A file's tags (its format's and its streams', where Ogg keeps them), chapters and streams, as the service's ffprobe reads them.</summary>
public sealed record TaggedFileProbe(IReadOnlyDictionary<string, string> Tags, IReadOnlyList<ProbedChapter> Chapters, IReadOnlyList<ProbedStream> Streams)
{
    public static async Task<TaggedFileProbe> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var ffprobe = new FfmpegLocator(Options.Create(new FfmpegOptions())).Binaries.FfprobePath;
        var result = await ChildProcess.RunAsync(
            ffprobe, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "-show_chapters", path], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffprobe could not read {path}: {result.StandardError}");
        }

        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var holder in root.GetProperty("streams").EnumerateArray().Append(root.GetProperty("format")))
        {
            if (holder.TryGetProperty("tags", out var holderTags))
            {
                foreach (var tag in holderTags.EnumerateObject())
                {
                    tags[tag.Name] = tag.Value.GetString()!;
                }
            }
        }

        var chapters = root.GetProperty("chapters").EnumerateArray()
            .Select(chapter => new ProbedChapter(
                Seconds(chapter.GetProperty("start_time")),
                Seconds(chapter.GetProperty("end_time")),
                chapter.GetProperty("tags").GetProperty("title").GetString()!))
            .ToList();
        var streams = root.GetProperty("streams").EnumerateArray()
            .Select(stream => new ProbedStream(
                stream.GetProperty("codec_type").GetString()!,
                stream.GetProperty("codec_name").GetString()!,
                stream.TryGetProperty("disposition", out var disposition) && disposition.TryGetProperty("attached_pic", out var picture) && picture.GetInt32() == 1))
            .ToList();
        return new TaggedFileProbe(tags, chapters, streams);
    }

    private static double Seconds(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);
}

public sealed record ProbedChapter(double Start, double End, string Title);

/// <param name="Kind">audio, video, …</param>
/// <param name="IsAttachedPicture">A cover picture rather than moving video.</param>
public sealed record ProbedStream(string Kind, string Codec, bool IsAttachedPicture);
