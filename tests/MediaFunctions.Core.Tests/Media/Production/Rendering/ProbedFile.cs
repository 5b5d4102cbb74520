using System.Globalization;
using System.Text.Json;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Testing;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

/// <summary>What ffprobe reads in a rendered file: its format, streams (with packets counted), tags and chapters.</summary>
public sealed class ProbedFile
{
    private ProbedFile(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public string FormatName => Root.GetProperty("format").GetProperty("format_name").GetString()!;

    public double Duration => Seconds(Root.GetProperty("format").GetProperty("duration"));

    public IReadOnlyList<JsonElement> Streams => [.. Root.GetProperty("streams").EnumerateArray()];

    public JsonElement Audio => Streams.Single(stream => stream.GetProperty("codec_type").GetString() == "audio");

    /// <summary>Video streams that are pictures in motion, not cover art.</summary>
    public IReadOnlyList<JsonElement> Videos => [.. Streams.Where(stream => stream.GetProperty("codec_type").GetString() == "video" && !IsAttachedPicture(stream))];

    public IReadOnlyList<JsonElement> AttachedPictures => [.. Streams.Where(IsAttachedPicture)];

    public IReadOnlyList<JsonElement> Chapters => [.. Root.GetProperty("chapters").EnumerateArray()];

    /// <summary>The tags of the format and of every stream (Ogg keeps them on its audio stream), keys in any case.</summary>
    public IReadOnlyDictionary<string, string> Tags
    {
        get
        {
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var holder in Streams.Append(Root.GetProperty("format")))
            {
                if (holder.TryGetProperty("tags", out var holderTags))
                {
                    foreach (var tag in holderTags.EnumerateObject())
                    {
                        tags[tag.Name] = tag.Value.GetString()!;
                    }
                }
            }

            return tags;
        }
    }

    public static string Text(JsonElement stream, string key) => stream.GetProperty(key).GetString()!;

    public static double Seconds(JsonElement value) => double.Parse(value.GetString()!, CultureInfo.InvariantCulture);

    public static long Number(JsonElement stream, string key) => long.Parse(stream.GetProperty(key).GetString()!, CultureInfo.InvariantCulture);

    public static async Task<ProbedFile> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        var ffprobe = new FfmpegLocator(Options.Create(new FfmpegOptions())).Binaries.FfprobePath;
        var result = await ChildProcess.RunAsync(
            ffprobe, ["-v", "error", "-count_packets", "-print_format", "json", "-show_format", "-show_streams", "-show_chapters", path], cancellationToken);
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        return new ProbedFile(json.RootElement.Clone());
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition) && disposition.GetProperty("attached_pic").GetInt32() == 1;
}
