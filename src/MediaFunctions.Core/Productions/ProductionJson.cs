using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MediaFunctions.Core.Productions;

/// <summary>Reads the loosely typed values of Auphonic's fields: numbers may be strings, flags may be "true"/"false".</summary>
internal static class ProductionJson
{
    public static bool ReadFlag(JsonNode? node, out bool flag)
    {
        flag = false;
        if (node is not JsonValue value)
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                flag = value.GetValue<bool>();
                return true;
            case JsonValueKind.String:
                return bool.TryParse(value.GetValue<string>(), out flag);
            default:
                return false;
        }
    }

    public static bool ReadNumber(JsonNode? node, out double number)
    {
        number = 0;
        if (node is not JsonValue value)
        {
            return false;
        }

        var read = value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue(out number),
            JsonValueKind.String => double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out number),
            _ => false,
        };
        return read && double.IsFinite(number);
    }

    /// <summary>A string, or a number as its invariant text; null for anything else.</summary>
    public static string? ReadText(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => null,
    };

    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;

    public static bool IsHttpUrl(JsonNode? node) =>
        IsString(node) && Uri.TryCreate(node!.GetValue<string>(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
