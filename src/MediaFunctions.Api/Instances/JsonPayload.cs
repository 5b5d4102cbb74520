using System.Text.Json;

namespace MediaFunctions.Api.Instances;

/// <summary>Turns the JSON text an instance stores into a JSON value for a response.</summary>
internal static class JsonPayload
{
    /// <summary>The value <paramref name="json"/> holds; a string when it is not JSON; null for null.</summary>
    public static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
