using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Records;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// A production as the Auphonic API shows it in <c>data</c>: <c>uuid</c>, <c>creation_time</c>, <c>change_time</c>
/// (ISO 8601, UTC), <c>status</c> and <c>status_string</c>, the <c>preset</c> it was made from, and every production
/// field, with its empty value when the production does not set it.
/// </summary>
public static class AuphonicProductionData
{
    /// <summary>The <c>data</c> of one production.</summary>
    public static JsonObject From(Production production)
    {
        var data = new JsonObject
        {
            ["uuid"] = production.Uuid,
            ["creation_time"] = Time(production.CreatedAt),
            ["change_time"] = Time(production.UpdatedAt),
            ["status"] = production.Status,
            ["status_string"] = ProductionStatus.Describe(production.Status),
            [ProductionFields.Preset] = production.PresetUuid,
            [ProductionFields.InputFile] = null,
            [ProductionFields.Metadata] = new JsonObject(),
            [ProductionFields.OutputFiles] = new JsonArray(),
            [ProductionFields.Algorithms] = new JsonObject(),
            [ProductionFields.Chapters] = new JsonArray(),
            [ProductionFields.MultiInputFiles] = new JsonArray(),
            [ProductionFields.SpeechRecognition] = null,
            [ProductionFields.OutgoingServices] = new JsonArray(),
            [ProductionFields.Image] = null,
            [ProductionFields.IsMultitrack] = false,
            [ProductionFields.Webhook] = null,
            [ProductionFields.OutputBasename] = "",
        };
        foreach (var (field, value) in production.Fields)
        {
            data[field] = value?.DeepClone();
        }

        return data;
    }

    /// <summary>The <c>data</c> of <c>status.json</c>: <c>uuid</c>, <c>status</c> and <c>status_string</c>.</summary>
    public static JsonObject Status(Production production) => new()
    {
        ["uuid"] = production.Uuid,
        ["status"] = production.Status,
        ["status_string"] = ProductionStatus.Describe(production.Status),
    };

    /// <summary>A production in a <c>minimal_data</c> list: <c>uuid</c>, <c>status</c>, <c>status_string</c>, <c>metadata.title</c>, <c>creation_time</c>.</summary>
    public static JsonObject Minimal(Production production) => new()
    {
        ["uuid"] = production.Uuid,
        ["status"] = production.Status,
        ["status_string"] = ProductionStatus.Describe(production.Status),
        [ProductionFields.Metadata] = new JsonObject { ["title"] = production.Fields[ProductionFields.Metadata]?["title"]?.DeepClone() },
        ["creation_time"] = Time(production.CreatedAt),
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
