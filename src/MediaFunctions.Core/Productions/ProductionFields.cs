using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Media.Production;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Productions;

/// <summary>
/// The JSON fields a preset and a production are made of, as the Auphonic API gives them: their
/// validation and how a partial update merges into what is stored. Errors are named the way the Simple
/// API names the same form fields: a top-level field by its name, a metadata or algorithm field by its
/// own name (<c>title</c>, <c>loudnesstarget</c>), so a client can show each next to its input.
/// </summary>
public static class ProductionFields
{
    public const string PresetName = "preset_name";
    public const string Metadata = "metadata";
    public const string OutputFiles = "output_files";
    public const string Algorithms = "algorithms";
    public const string MultiInputFiles = "multi_input_files";
    public const string SpeechRecognition = "speech_recognition";
    public const string OutgoingServices = "outgoing_services";
    public const string Image = "image";
    public const string IsMultitrack = "is_multitrack";
    public const string Webhook = "webhook";
    public const string OutputBasename = "output_basename";
    public const string ResetData = "reset_data";
    public const string InputFile = "input_file";
    public const string Chapters = "chapters";
    public const string Preset = "preset";
    public const string Action = "action";
    public const string Service = "service";

    /// <summary>The <c>action</c> that only saves a production.</summary>
    public const string SaveAction = "save";

    /// <summary>The <c>action</c> that starts a production.</summary>
    public const string StartAction = "start";

    /// <summary>The longest <c>preset_name</c>.</summary>
    public const int MaxPresetNameLength = 255;

    /// <summary>The most bytes a preset's fields may take as UTF-8 JSON (a table row holds 64 KiB of binary).</summary>
    public const int MaxStoredBytes = 60_000;

    /// <summary>Fields the API's own answers carry; a client that sends an answer back unchanged is not refused for them.</summary>
    public static readonly IReadOnlySet<string> ReadOnly = new HashSet<string>(StringComparer.Ordinal) { "uuid", "creation_time" };

    /// <summary>The metadata fields (tags written into the files).</summary>
    public static readonly IReadOnlySet<string> MetadataFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "title", "artist", "album", "track", "subtitle", "summary", "genre", "year", "publisher", "url", "license", "license_url",
        "tags", "location", "append_chapters",
    };

    private static readonly string[] PresetFields =
    [
        PresetName, Metadata, OutputFiles, Algorithms, MultiInputFiles, SpeechRecognition, OutgoingServices, Image, IsMultitrack, Webhook,
        OutputBasename, ResetData,
    ];

    /// <summary>Fields only a production's answers carry; a production sent back unchanged is not refused for them.</summary>
    private static readonly HashSet<string> ProductionReadOnly = new(StringComparer.Ordinal) { "change_time", "status", "status_string" };

    private static readonly string[] ProductionOnlyFields = [InputFile, Service, Chapters, Preset, Action];

    private static readonly HashSet<string> OutputFileFields = new(StringComparer.Ordinal)
    {
        "format", "bitrate", "filename", "ending", "mono_mixdown", "split_on_chapters", "suffix",
    };

    private static readonly HashSet<string> InputTypes = new(StringComparer.Ordinal) { "intro", "outro", "multitrack" };

    /// <summary>
    /// Checks a preset's create (<paramref name="creating"/>) or update body and returns its fields without
    /// <c>preset_name</c>, <c>reset_data</c> and the read-only ones.
    /// </summary>
    /// <exception cref="ProductionSettingsException">A field is unknown, of the wrong type or out of range; one error per field.</exception>
    public static (string? PresetName, bool ResetData, JsonObject Fields) ReadPreset(JsonObject body, bool creating)
    {
        var errors = new List<ValidationError>();
        string? name = null;
        if (body.TryGetPropertyValue(PresetName, out var nameNode))
        {
            name = ProductionJson.IsString(nameNode) ? nameNode!.GetValue<string>().Trim() : null;
            if (string.IsNullOrEmpty(name) || name.Length > MaxPresetNameLength)
            {
                errors.Add(new(PresetName, $"preset_name must be a text of 1 to {MaxPresetNameLength} characters."));
            }
        }
        else if (creating)
        {
            errors.Add(new(PresetName, "preset_name is required: the name the preset is listed by."));
        }

        var resetData = false;
        if (body.TryGetPropertyValue(ResetData, out var reset) && (creating || !ProductionJson.ReadFlag(reset, out resetData)))
        {
            errors.Add(new(ResetData, creating ? "reset_data applies to an update only." : "reset_data must be true or false."));
        }

        var fields = new JsonObject();
        foreach (var (field, value) in body)
        {
            if (field is PresetName or ResetData || ReadOnly.Contains(field))
            {
                continue;
            }

            if (!PresetFields.Contains(field))
            {
                errors.Add(new(field, $"'{field}' is not a preset field; known: {string.Join(", ", PresetFields)}."));
                continue;
            }

            errors.AddRange(ValidateField(field, value));
            fields[field] = value?.DeepClone();
        }

        if (errors.Count > 0)
        {
            throw new ProductionSettingsException(errors);
        }

        return (name, resetData, fields);
    }

    /// <summary>
    /// Checks a production's create (<paramref name="creating"/>) or update body: the preset fields (without
    /// <c>preset_name</c>) and <c>input_file</c> (an absolute http or https URL), <c>chapters</c>, <c>preset</c> and
    /// <c>action</c> (<see cref="SaveAction"/> or <see cref="StartAction"/>). Returns the production's own fields
    /// without <c>preset</c>, <c>action</c>, <c>reset_data</c> and the read-only ones.
    /// </summary>
    /// <exception cref="ProductionSettingsException">A field is unknown, of the wrong type or out of range; one error per field.</exception>
    public static (string? Preset, string? Action, bool ResetData, JsonObject Fields) ReadProduction(JsonObject body, bool creating)
    {
        var errors = new List<ValidationError>();
        string? preset = null;
        if (body.TryGetPropertyValue(Preset, out var presetNode) && presetNode is not null)
        {
            preset = ProductionJson.IsString(presetNode) ? presetNode.GetValue<string>() : null;
            if (preset is null)
            {
                errors.Add(new(Preset, "preset must be the uuid of one of your presets."));
            }
        }

        string? action = null;
        if (body.TryGetPropertyValue(Action, out var actionNode) && actionNode is not null)
        {
            action = ProductionJson.IsString(actionNode) ? actionNode.GetValue<string>() : null;
            if (action is not (SaveAction or StartAction))
            {
                errors.Add(new(Action, $"action must be \"{SaveAction}\" or \"{StartAction}\"."));
            }
        }

        var resetData = false;
        if (body.TryGetPropertyValue(ResetData, out var reset) && (creating || !ProductionJson.ReadFlag(reset, out resetData)))
        {
            errors.Add(new(ResetData, creating ? "reset_data applies to an update only." : "reset_data must be true or false."));
        }

        var fields = new JsonObject();
        foreach (var (field, value) in body)
        {
            if (field is PresetName or Preset or Action or ResetData || ReadOnly.Contains(field) || ProductionReadOnly.Contains(field))
            {
                if (field is PresetName)
                {
                    errors.Add(new(PresetName, "preset_name names a preset, not a production; use metadata.title for the production."));
                }

                continue;
            }

            if (!PresetFields.Contains(field) && !ProductionOnlyFields.Contains(field))
            {
                errors.Add(new(field, $"'{field}' is not a production field; known: {string.Join(", ", PresetFields.Where(known => known != PresetName).Concat(ProductionOnlyFields))}."));
                continue;
            }

            errors.AddRange(field switch
            {
                InputFile => value is null || ProductionJson.IsHttpUrl(value) || body[Service] is not null && ProductionJson.ReadText(value) is { Length: > 0 }
                    ? []
                    : [Expected(field, "an absolute http or https URL, or with service the name of a file on that service")],
                Service => value is null || ProductionJson.ReadText(value) is { } uuid && AuphonicUuid.IsValid(uuid)
                    ? []
                    : [Expected(field, "the uuid of one of your services (services.json)")],
                Chapters => value is null || ValidChapters(value) ? [] : [Expected(field, "an array of objects, each with a \"start\" (HH:MM:ss[.mmm]) and a \"title\"")],
                _ => ValidateField(field, value),
            });
            fields[field] = value?.DeepClone();
        }

        if (errors.Count > 0)
        {
            throw new ProductionSettingsException(errors);
        }

        return (preset, action, resetData, fields);
    }

    /// <summary>
    /// What a partial update makes of <paramref name="stored"/>: object fields (<c>metadata</c>, <c>algorithms</c>,
    /// <c>speech_recognition</c>) are merged key by key, a null removes a key, and every other field is replaced
    /// whole; <paramref name="resetData"/> starts from nothing. Neither argument is changed.
    /// </summary>
    /// <exception cref="ProductionSettingsException">The result would be larger than <see cref="MaxStoredBytes"/>.</exception>
    public static JsonObject Merge(JsonObject stored, JsonObject change, bool resetData, string resource = Preset)
    {
        var merged = resetData ? new JsonObject() : (JsonObject)stored.DeepClone();
        foreach (var (field, value) in change)
        {
            if (value is JsonObject changes && merged[field] is JsonObject current)
            {
                foreach (var (key, item) in changes)
                {
                    if (item is null)
                    {
                        current.Remove(key);
                    }
                    else
                    {
                        current[key] = item.DeepClone();
                    }
                }
            }
            else
            {
                merged[field] = value?.DeepClone();
            }
        }

        ThrowIfTooLarge(merged, resource);
        return merged;
    }

    /// <summary>
    /// A new production's fields: its preset's (<paramref name="preset"/>, when it names one) overridden field by field by
    /// its own, objects merged key by key as a partial update merges them. Neither argument is changed.
    /// </summary>
    /// <exception cref="ProductionSettingsException">The result would be larger than <see cref="MaxStoredBytes"/>.</exception>
    public static JsonObject ApplyPreset(JsonObject? preset, JsonObject own) => Merge(preset ?? [], own, resetData: false, "production");

    /// <summary>
    /// What a partial update makes of a production's <paramref name="stored"/> fields, as <see cref="Merge"/> does, except that
    /// <paramref name="resetData"/> keeps the <c>input_file</c> (so it need not be sent again) unless the change sets one.
    /// </summary>
    /// <exception cref="ProductionSettingsException">The result would be larger than <see cref="MaxStoredBytes"/>.</exception>
    public static JsonObject UpdateProduction(JsonObject stored, JsonObject change, bool resetData)
    {
        var merged = Merge(stored, change, resetData, "production");
        if (resetData && !change.ContainsKey(InputFile) && stored[InputFile] is { } input)
        {
            merged[InputFile] = input.DeepClone();
        }

        return merged;
    }

    /// <summary>Refuses fields that would not fit the row they are stored in.</summary>
    /// <exception cref="ProductionSettingsException">They take more than <see cref="MaxStoredBytes"/>.</exception>
    public static void ThrowIfTooLarge(JsonObject fields, string resource = Preset)
    {
        var size = JsonSerializer.SerializeToUtf8Bytes(fields).Length;
        if (size > MaxStoredBytes)
        {
            throw new ProductionSettingsException([new(resource, string.Create(CultureInfo.InvariantCulture,
                $"The {resource}'s fields take {size} bytes as JSON; at most {MaxStoredBytes} can be kept."))]);
        }
    }

    private static IEnumerable<ValidationError> ValidateField(string field, JsonNode? value) => field switch
    {
        Metadata => value is JsonObject metadata ? ValidateMetadata(metadata) : [Expected(field, "an object")],
        OutputFiles => value is JsonArray files ? ValidateOutputFiles(files) : [Expected(field, "an array of objects")],
        Algorithms => value is JsonObject algorithms ? AlgorithmFields.Validate(algorithms) : [Expected(field, "an object")],
        MultiInputFiles => value is JsonArray inputs ? ValidateInputFiles(inputs) : [Expected(field, "an array of objects")],
        SpeechRecognition => value is null or JsonObject ? [] : [Expected(field, "an object")],
        OutgoingServices => value is JsonArray services && services.All(service => service is JsonObject o && ProductionJson.IsString(o["uuid"]))
            ? []
            : [Expected(field, "an array of objects, each with the \"uuid\" of a service")],
        Image or Webhook => value is null || ProductionJson.IsHttpUrl(value) ? [] : [Expected(field, "an http or https URL")],
        IsMultitrack => ProductionJson.ReadFlag(value, out _) ? [] : [Expected(field, "true or false")],
        OutputBasename => value is null || ProductionJson.IsString(value) ? [] : [Expected(field, "a text")],
        _ => [],
    };

    private static IEnumerable<ValidationError> ValidateMetadata(JsonObject metadata)
    {
        foreach (var (name, value) in metadata)
        {
            var problem = name switch
            {
                _ when !MetadataFields.Contains(name) => $"'{name}' is not a metadata field; known: {string.Join(", ", MetadataFields)}.",
                _ when value is null => null,
                "track" or "year" => ProductionJson.ReadNumber(value, out var number) && number >= 0 && number == Math.Floor(number)
                    ? null
                    : $"{name} must be a whole number.",
                "append_chapters" => ProductionJson.ReadFlag(value, out _) ? null : "append_chapters must be true or false.",
                "tags" => value is JsonArray tags && tags.All(ProductionJson.IsString) || ProductionJson.IsString(value)
                    ? null
                    : "tags must be an array of texts or one comma-separated text.",
                "location" => value is JsonObject location && ProductionJson.ReadNumber(location["latitude"], out var latitude) && latitude is >= -90 and <= 90
                        && ProductionJson.ReadNumber(location["longitude"], out var longitude) && longitude is >= -180 and <= 180
                    ? null
                    : "location must be {\"latitude\": …, \"longitude\": …} in degrees.",
                "url" or "license_url" => ProductionJson.IsHttpUrl(value) || value.ToString().Length == 0 ? null : $"{name} must be an http or https URL.",
                _ => ProductionJson.IsString(value) ? null : $"{name} must be a text.",
            };
            if (problem is not null)
            {
                yield return new(name, problem);
            }
        }
    }

    private static IEnumerable<ValidationError> ValidateOutputFiles(JsonArray files)
    {
        for (var i = 0; i < files.Count; i++)
        {
            if (files[i] is not JsonObject file)
            {
                yield return new(OutputFiles, $"output_files[{i}] must be an object such as {{\"format\": \"mp3\", \"bitrate\": \"96\"}}.");
                continue;
            }

            var format = ProductionJson.IsString(file["format"]) ? file["format"]!.GetValue<string>() : null;
            if (format is null || !OutputFileFormats.All.Contains(format))
            {
                yield return new(OutputFiles, $"output_files[{i}].format '{format ?? file["format"]?.ToJsonString()}' is not an output format; "
                    + $"known: {string.Join(", ", OutputFileFormats.All)}.");
            }

            foreach (var (name, value) in file)
            {
                var problem = name switch
                {
                    "format" => null,
                    _ when !OutputFileFields.Contains(name) => $"'{name}' is not an output file field; known: {string.Join(", ", OutputFileFields)}.",
                    "bitrate" => ProductionJson.ReadNumber(value, out var bitrate) && bitrate is >= OutputFileFormats.MinBitrate and <= OutputFileFormats.MaxBitrate
                        ? null
                        : $"bitrate must be a number of kbit/s between {OutputFileFormats.MinBitrate} and {OutputFileFormats.MaxBitrate}.",
                    "mono_mixdown" or "split_on_chapters" => ProductionJson.ReadFlag(value, out _) ? null : $"{name} must be true or false.",
                    "filename" => ProductionJson.IsString(value) && value!.GetValue<string>().IndexOfAny(['/', '\\']) < 0 && value.GetValue<string>() is not ("." or "..")
                        ? null
                        : "filename must be a file name without a folder.",
                    _ => ProductionJson.IsString(value) ? null : $"{name} must be a text.",
                };
                if (problem is not null)
                {
                    yield return new(OutputFiles, $"output_files[{i}]: {problem}");
                }
            }
        }
    }

    private static IEnumerable<ValidationError> ValidateInputFiles(JsonArray inputs)
    {
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i] is not JsonObject input || !ProductionJson.IsString(input["type"]) || !InputTypes.Contains(input["type"]!.GetValue<string>()))
            {
                yield return new(MultiInputFiles, $"multi_input_files[{i}] must be an object whose type is one of: {string.Join(", ", InputTypes)}.");
                continue;
            }

            if (input["algorithms"] is { } algorithms)
            {
                if (algorithms is not JsonObject trackAlgorithms)
                {
                    yield return new(MultiInputFiles, $"multi_input_files[{i}].algorithms must be an object.");
                    continue;
                }

                foreach (var error in AlgorithmFields.Validate(trackAlgorithms))
                {
                    yield return new(MultiInputFiles, $"multi_input_files[{i}].algorithms: {error.Message}");
                }
            }
        }
    }

    private static bool ValidChapters(JsonNode chapters) =>
        chapters is JsonArray marks && marks.All(mark => mark is JsonObject chapter
            && ProductionJson.IsString(chapter["start"])
            && TimeSpan.TryParseExact(chapter["start"]!.GetValue<string>(), [@"hh\:mm\:ss", @"hh\:mm\:ss\.FFF"], CultureInfo.InvariantCulture, out _)
            && (chapter["title"] is null || ProductionJson.IsString(chapter["title"])));

    private static ValidationError Expected(string field, string what) => new(field, $"{field} must be {what}.");
}
