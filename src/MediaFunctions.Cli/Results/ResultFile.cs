using System.Text.Json;

namespace MediaFunctions.Cli.Results;

/// <summary>A file a finished job, batch item or production offers: its link, name and the size the API says it has.</summary>
/// <param name="Url">The link (a file link of the API, or a storage link).</param>
/// <param name="FileName">The name to save it under.</param>
/// <param name="Size">Its size in bytes as the API reports it; 0 when unknown.</param>
public sealed record ResultFile(string Url, string FileName, long Size)
{
    /// <summary>The files of a native job as <c>GET /api/jobs/{id}</c> shows it (<c>outputs[]</c>).</summary>
    public static IReadOnlyList<ResultFile> OfJob(JsonElement job) =>
        job.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array
            ? [.. outputs.EnumerateArray().Select(output => new ResultFile(
                output.GetProperty("url").GetString()!,
                Text(output, "fileName") ?? NameOf(output.GetProperty("url").GetString()!),
                Number(output, "size")))]
            : [];

    /// <summary>The files of an Auphonic production (<c>data.output_files[]</c>, split files included).</summary>
    public static IReadOnlyList<ResultFile> OfProduction(JsonElement envelope)
    {
        var files = new List<ResultFile>();
        if (!envelope.TryGetProperty("data", out var data) || !data.TryGetProperty("output_files", out var outputs) || outputs.ValueKind != JsonValueKind.Array)
        {
            return files;
        }

        foreach (var output in outputs.EnumerateArray())
        {
            if (output.TryGetProperty("split_files", out var split) && split.ValueKind == JsonValueKind.Array && split.GetArrayLength() > 0)
            {
                files.AddRange(split.EnumerateArray().Select(part => FromAuphonic(part)).OfType<ResultFile>());
            }
            else if (FromAuphonic(output) is { } file)
            {
                files.Add(file);
            }
        }

        return files;
    }

    private static ResultFile? FromAuphonic(JsonElement output) =>
        Text(output, "download_url") is { } url ? new ResultFile(url, Text(output, "filename") ?? NameOf(url), Number(output, "size")) : null;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;

    private static string NameOf(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath)) is { Length: > 0 } name ? name : "output";
}
