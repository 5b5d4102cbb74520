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
            ["creation_time"] = AuphonicResponse.Time(preset.CreatedAt),
        };
        return WithFields(data, preset.Fields);
    }

    /// <summary>
    /// <paramref name="data"/> with every preset field (a production has them too), each with its empty value, then the
    /// values <paramref name="fields"/> sets over them.
    /// </summary>
    internal static JsonObject WithFields(JsonObject data, JsonObject fields)
    {
        data[ProductionFields.Metadata] = new JsonObject();
        data[ProductionFields.OutputFiles] = new JsonArray();
        data[ProductionFields.Algorithms] = new JsonObject();
        data[ProductionFields.MultiInputFiles] = new JsonArray();
        data[ProductionFields.SpeechRecognition] = null;
        data[ProductionFields.OutgoingServices] = new JsonArray();
        data[ProductionFields.Image] = null;
        data[ProductionFields.IsMultitrack] = false;
        data[ProductionFields.Webhook] = null;
        data[ProductionFields.OutputBasename] = "";
        foreach (var (field, value) in fields)
        {
            data[field] = value?.DeepClone();
        }

        return data;
    }
}
