using System.Text.Json;
using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>Writes an <see cref="AudioBitrate"/> as ffmpeg writes it (<c>"192k"</c>), so it survives orchestration inputs.</summary>
public sealed class AudioBitrateJsonConverter : JsonConverter<AudioBitrate>
{
    public override AudioBitrate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AudioBitrate.TryParse(reader.GetString(), out var bitrate) ? bitrate : throw new JsonException($"'{reader.GetString()}' is not an audio bit rate.");

    public override void Write(Utf8JsonWriter writer, AudioBitrate value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToArgument());
}
