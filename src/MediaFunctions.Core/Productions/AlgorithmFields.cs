using System.Globalization;
using System.Text.Json.Nodes;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Productions;

/// <summary>
/// The <c>algorithms</c> of a production or preset (and of a multitrack input), each with its type and range.
/// A numeric field may come as a JSON number or a numeric string (the Simple API sends every field as text);
/// loudness fields are checked by <see cref="LoudnessSettings.Validate"/>.
/// </summary>
public static class AlgorithmFields
{
    /// <summary>The Auphonic defaults that stand in for a loudness field the request leaves out, so the other can be checked alone.</summary>
    public const double DefaultLoudnessTarget = -16;

    /// <inheritdoc cref="DefaultLoudnessTarget"/>
    public const double DefaultMaxPeak = -1;

    private enum Kind
    {
        Flag,
        Number,
        Choice,
    }

    private sealed record Field(Kind Kind, double Min = 0, double Max = 0, string[]? Choices = null);

    private static readonly Dictionary<string, Field> Fields = new(StringComparer.Ordinal)
    {
        ["filtering"] = new(Kind.Flag),
        ["hipfilter"] = new(Kind.Flag),
        ["leveler"] = new(Kind.Flag),
        ["normloudness"] = new(Kind.Flag),
        ["dualmono"] = new(Kind.Flag),
        ["denoise"] = new(Kind.Flag),
        ["silence_cutter"] = new(Kind.Flag),
        ["filler_cutter"] = new(Kind.Flag),
        ["cough_cutter"] = new(Kind.Flag),
        ["music_cutter"] = new(Kind.Flag),
        ["gate"] = new(Kind.Flag),
        ["crossgate"] = new(Kind.Flag),
        // Range checked by LoudnessSettings.
        ["loudnesstarget"] = new(Kind.Number, double.MinValue, double.MaxValue),
        ["maxpeak"] = new(Kind.Number, double.MinValue, double.MaxValue),
        ["denoiseamount"] = new(Kind.Number, 0, 100),
        ["deverbamount"] = new(Kind.Number, 0, 100),
        ["debreathamount"] = new(Kind.Number, 0, 100),
        ["dehumamount"] = new(Kind.Number, 0, 100),
        ["levelerstrength"] = new(Kind.Number, 0, 100),
        ["musicgain"] = new(Kind.Number, -30, 30),
        ["dehum"] = new(Kind.Choice, Choices: ["0", "50", "60"]),
        ["loudnessmethod"] = new(Kind.Choice, Choices: ["program", "dialog", "rms"]),
        ["denoisemethod"] = new(Kind.Choice, Choices: ["classic", "static", "dynamic", "speech_isolation"]),
        ["compressor"] = new(Kind.Choice, Choices: ["auto", "soft", "medium", "hard", "off"]),
        ["backforeground"] = new(Kind.Choice, Choices: ["auto", "foreground", "background", "unchanged", "ducking"]),
    };

    /// <summary>The names of the fields <see cref="Validate"/> accepts.</summary>
    public static IReadOnlyCollection<string> Names => Fields.Keys;

    /// <summary>
    /// A form field's text (the Simple API's) as the JSON API's value: a flag as a boolean, a number as a number, so a production
    /// reads back the same typed algorithms however it was made. Text that is neither stays text, for <see cref="Validate"/> to name.
    /// </summary>
    public static JsonNode FromFormText(string name, string text) => Fields.GetValueOrDefault(name)?.Kind switch
    {
        Kind.Flag when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
        Kind.Number when ProductionJson.ReadNumber(JsonValue.Create(text), out var number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };

    /// <summary>What is wrong with <paramref name="algorithms"/>, each error named by its field; empty when nothing is.</summary>
    public static IReadOnlyList<ValidationError> Validate(JsonObject algorithms)
    {
        var errors = new List<ValidationError>();
        foreach (var (name, value) in algorithms)
        {
            if (!Fields.TryGetValue(name, out var field))
            {
                errors.Add(new(name, $"'{name}' is not an algorithm; known: {string.Join(", ", Fields.Keys)}."));
                continue;
            }

            var problem = field.Kind switch
            {
                Kind.Flag => ProductionJson.ReadFlag(value, out _) ? null : $"{name} must be true or false.",
                Kind.Number => !ProductionJson.ReadNumber(value, out var number) ? $"{name} must be a number."
                    : number < field.Min || number > field.Max
                        ? string.Create(CultureInfo.InvariantCulture, $"{name} must be between {field.Min} and {field.Max}; it was {number}.")
                        : null,
                _ => ProductionJson.ReadText(value) is { } text && field.Choices!.Contains(text, StringComparer.Ordinal)
                    ? null
                    : $"{name} must be one of: {string.Join(", ", field.Choices!)}.",
            };
            if (problem is not null)
            {
                errors.Add(new(name, problem));
            }
        }

        var target = Number(algorithms, "loudnesstarget");
        var peak = Number(algorithms, "maxpeak");
        if (target is not null || peak is not null)
        {
            var loudness = new LoudnessSettings(NormLoudness: true, target ?? DefaultLoudnessTarget, peak ?? DefaultMaxPeak, Filtering: false);
            errors.AddRange(loudness.Validate().Where(error => algorithms.ContainsKey(error.Field)));
        }

        return errors;
    }

    private static double? Number(JsonObject algorithms, string name) =>
        algorithms.TryGetPropertyValue(name, out var value) && ProductionJson.ReadNumber(value, out var number) ? number : null;
}
