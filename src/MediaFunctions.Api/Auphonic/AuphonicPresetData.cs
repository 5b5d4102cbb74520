using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Productions;
using MediaFunctions.Core.Productions.Presets;

namespace MediaFunctions.Api.Auphonic;

/// <summary>
/// A preset as the Auphonic API shows it in <c>data</c>: <c>uuid</c>, <c>preset_name</c>, <c>creation_time</c>
/// (ISO 8601, UTC) and every production field, with its empty value when the preset does not set it.
/// </summary>
public static class AuphonicPresetData
{
    /// <summary>The <c>data</c> of one preset.</summary>
    public static JsonObject From(ProductionPreset preset)
    {
        var data = new JsonObject
        {
            ["uuid"] = preset.Uuid,
            [ProductionFields.PresetName] = preset.Name,
            ["creation_time"] = preset.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            [ProductionFields.Metadata] = new JsonObject(),
            [ProductionFields.OutputFiles] = new JsonArray(),
            [ProductionFields.Algorithms] = new JsonObject(),
            [ProductionFields.MultiInputFiles] = new JsonArray(),
            [ProductionFields.SpeechRecognition] = null,
            [ProductionFields.OutgoingServices] = new JsonArray(),
            [ProductionFields.Image] = null,
            [ProductionFields.IsMultitrack] = false,
            [ProductionFields.Webhook] = null,
            [ProductionFields.OutputBasename] = "",
        };
        foreach (var (field, value) in preset.Fields)
        {
            data[field] = value?.DeepClone();
        }

        return data;
    }
}
