using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Records;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// A production as the Auphonic API shows it in <c>data</c>: <c>uuid</c>, <c>creation_time</c>, <c>change_time</c>
/// (ISO 8601, UTC), <c>status</c> and <c>status_string</c>, the <c>preset</c> it was made from, every production
/// field (with its empty value when the production does not set it), and its last run's outcome: each <c>output_files</c>
/// entry with its file's <c>download_url</c>, <c>filename</c>, <c>size</c>, <c>size_string</c> and <c>duration</c> (an entry
/// split on chapters lists its files in <c>split_files</c>), <c>length</c>, <c>error_message</c> and <c>warning_message</c>.
/// </summary>
public static class AuphonicProductionData
{
    /// <summary>The <c>data</c> of one production; download URLs are built on <paramref name="apiBaseUrl"/>.</summary>
    public static JsonObject From(Production production, Uri apiBaseUrl)
    {
        var data = AuphonicPresetData.WithFields(new JsonObject
        {
            ["uuid"] = production.Uuid,
            ["creation_time"] = AuphonicResponse.Time(production.CreatedAt),
            ["change_time"] = AuphonicResponse.Time(production.UpdatedAt),
            ["status"] = production.Status,
            ["status_string"] = ProductionStatus.Describe(production.Status),
            [ProductionFields.Preset] = production.PresetUuid,
            [ProductionFields.InputFile] = null,
            [ProductionFields.Chapters] = new JsonArray(),
        }, production.Fields);

        var state = production.State;
        if (state.Results.Count > 0)
        {
            data[ProductionFields.OutputFiles] = OutputFiles(production, data[ProductionFields.OutputFiles] as JsonArray ?? [], apiBaseUrl);
        }

        data["length"] = state.Length;
        data["error_message"] = state.ErrorMessage ?? "";
        data["warning_message"] = string.Join(' ', state.Warnings);
        return data;
    }

    /// <summary>The address a result file is downloaded from, with the key, as <c>GET /api/download/audio-result/{uuid}/{filename}</c>.</summary>
    public static string DownloadUrl(Uri apiBaseUrl, string uuid, string fileName) =>
        $"{apiBaseUrl.AbsoluteUri.TrimEnd('/')}/api/download/audio-result/{uuid}/{Uri.EscapeDataString(fileName)}";

    private static JsonArray OutputFiles(Production production, JsonArray entries, Uri apiBaseUrl)
    {
        // A production without output_files got the default one.
        var listed = entries.Count > 0 ? entries : [new JsonObject { ["format"] = "mp3" }];
        var files = new JsonArray();
        for (var index = 0; index < listed.Count; index++)
        {
            var entry = listed[index]?.DeepClone() as JsonObject ?? [];
            var results = production.State.Results.Where(result => result.OutputIndex == index).ToList();
            if (results.Count == 1 && results[0].Chapter is null)
            {
                Describe(entry, results[0], production.Uuid, apiBaseUrl);
            }
            else if (results.Count > 0)
            {
                entry["split_files"] = new JsonArray([.. results.Select(result => (JsonNode)Describe(new JsonObject { ["chapter"] = result.Chapter }, result,
                    production.Uuid, apiBaseUrl))]);
            }

            files.Add(entry);
        }

        // Files no entry asked for: the subtitles a run with speech recognition adds.
        foreach (var result in production.State.Results.Where(result => result.OutputIndex >= listed.Count))
        {
            files.Add(Describe(new JsonObject { ["format"] = result.Format }, result, production.Uuid, apiBaseUrl));
        }

        return files;
    }

    private static JsonObject Describe(JsonObject entry, ProductionResultFile result, string uuid, Uri apiBaseUrl)
    {
        entry["filename"] = result.FileName;
        entry["ending"] ??= Path.GetExtension(result.FileName).TrimStart('.');
        entry["download_url"] = DownloadUrl(apiBaseUrl, uuid, result.FileName);
        entry["size"] = result.Size;
        entry["size_string"] = SizeString(result.Size);
        entry["duration"] = result.Duration;
        entry["content_type"] = result.MimeType;
        return entry;
    }

    private static string SizeString(long size) => size switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / (1024.0 * 1024):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{size / 1024.0:0.#} kB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{size} B"),
    };

    /// <summary>The <c>data</c> of <c>status.json</c>: <c>uuid</c>, <c>status</c> and <c>status_string</c>.</summary>
    public static JsonObject Status(Production production) => new()
    {
        ["uuid"] = production.Uuid,
        ["status"] = production.Status,
        ["status_string"] = ProductionStatus.Describe(production.Status),
        ["error_message"] = production.State.ErrorMessage ?? "",
    };

    /// <summary>A production in a <c>minimal_data</c> list: <c>uuid</c>, <c>status</c>, <c>status_string</c>, <c>metadata.title</c>, <c>creation_time</c>.</summary>
    public static JsonObject Minimal(Production production) => new()
    {
        ["uuid"] = production.Uuid,
        ["status"] = production.Status,
        ["status_string"] = ProductionStatus.Describe(production.Status),
        [ProductionFields.Metadata] = new JsonObject { ["title"] = production.Fields[ProductionFields.Metadata]?["title"]?.DeepClone() },
        ["creation_time"] = AuphonicResponse.Time(production.CreatedAt),
    };
}
