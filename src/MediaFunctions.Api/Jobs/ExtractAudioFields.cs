using System.Globalization;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Media.ExtractAudio;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Api.Jobs;

/// <summary>
/// The text fields of an extract-audio form, by ApyHub's names, as the client sent them; turned into
/// the native <see cref="ExtractAudioRequest"/> here so both dialects read them alike. An empty value
/// counts as absent; unknown fields are ignored, as form handlers usually do.
/// </summary>
public sealed class ExtractAudioFields
{
    public const string StartTime = "start_time";
    public const string Duration = "duration";
    public const string OutputFormat = "output_format";
    public const string FullAudio = "full_audio";
    public const string Persistent = "persistent";
    public const string WebhookUrl = JobWebhook.Field;

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records one field of the form; a repeated name keeps every value.</summary>
    public void Add(string name, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!_values.TryGetValue(name, out var values))
        {
            _values[name] = values = [];
        }

        values.Add(value.Trim());
    }

    /// <summary>
    /// The request the fields describe, with ApyHub's defaults for what is absent.
    /// <paramref name="allowSeveralFormats"/> lets <c>output_format</c> repeat or list formats
    /// separated by commas (native API); without it exactly one format may be named (ApyHub).
    /// </summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c>, naming every field that cannot be read.</exception>
    public ExtractAudioRequest ToRequest(bool allowSeveralFormats)
    {
        var errors = new List<ValidationError>();
        var request = new ExtractAudioRequest();
        if (Single(StartTime, errors) is { } start)
        {
            request = request with { StartSeconds = ParseSeconds(StartTime, start, errors) };
        }

        if (Single(Duration, errors) is { } duration)
        {
            request = request with { DurationSeconds = ParseSeconds(Duration, duration, errors) };
        }

        if (Single(FullAudio, errors) is { } fullAudio)
        {
            request = request with { FullAudio = ParseBoolean(FullAudio, fullAudio, errors) ?? false };
        }

        if (_values.TryGetValue(OutputFormat, out var formats))
        {
            var names = formats.SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (!allowSeveralFormats && names.Count > 1)
            {
                errors.Add(new(OutputFormat, "output_format takes one format here; use POST /api/jobs/extract-audio for several in one job."));
            }
            else if (ParseFormats(names, errors) is { Count: > 0 } parsed)
            {
                request = request with { Formats = parsed };
            }
        }

        return errors.Count > 0 ? throw InvalidJobInputException.InvalidFields(errors) : request;
    }

    /// <summary>The <c>persistent</c> field: null when absent.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> when it is not a boolean or is given twice.</exception>
    public bool? ReadPersistent()
    {
        var errors = new List<ValidationError>();
        var value = Single(Persistent, errors) is { } text ? ParseBoolean(Persistent, text, errors) : null;
        return errors.Count > 0 ? throw InvalidJobInputException.InvalidFields(errors) : value;
    }

    /// <summary>The <c>webhook_url</c> field, checked for form (<see cref="JobWebhook.ParseUrl"/>): null when absent.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> when it is not an absolute http(s) URL or is given twice.</exception>
    public Uri? ReadWebhookUrl()
    {
        var errors = new List<ValidationError>();
        var value = Single(WebhookUrl, errors);
        return errors.Count > 0 ? throw InvalidJobInputException.InvalidFields(errors) : value is null ? null : JobWebhook.ParseUrl(value);
    }

    /// <summary>Reads a boolean as forms and query strings carry it: <c>true</c>/<c>false</c> (any case) or <c>1</c>/<c>0</c>.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> naming <paramref name="field"/>.</exception>
    public static bool ParseBoolean(string field, string value)
    {
        var errors = new List<ValidationError>();
        var parsed = ParseBoolean(field, value, errors);
        return parsed ?? throw InvalidJobInputException.InvalidFields(errors);
    }

    /// <summary>The formats named, each once; an unknown name becomes an error that lists the accepted ones.</summary>
    public static IReadOnlyList<AudioFormat> ParseFormats(IEnumerable<string> names, List<ValidationError> errors)
    {
        var formats = new List<AudioFormat>();
        foreach (var name in names)
        {
            if (AudioFormatCatalog.TryParse(name, out var format))
            {
                formats.Add(format);
            }
            else
            {
                errors.Add(new(OutputFormat, $"output_format '{name}' is not one of: {AudioFormatCatalog.Names}."));
            }
        }

        return formats;
    }

    private string? Single(string field, List<ValidationError> errors)
    {
        if (!_values.TryGetValue(field, out var values))
        {
            return null;
        }

        if (values.Count > 1)
        {
            errors.Add(new(field, $"{field} is given more than once."));
            return null;
        }

        return values[0];
    }

    private static double ParseSeconds(string field, string value, List<ValidationError> errors)
    {
        if (double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            // Range rules (negative, zero, too long) are the request's own: ExtractAudioRequest.Validate.
            return seconds;
        }

        errors.Add(new(field, $"{field} must be a number of seconds, such as 90 or 1.5, not '{value}'."));
        return 0;
    }

    private static bool? ParseBoolean(string field, string value, List<ValidationError> errors)
    {
        if (bool.TryParse(value, out var parsed))
        {
            return parsed;
        }

        if (value is "1" or "0")
        {
            return value == "1";
        }

        errors.Add(new(field, $"{field} must be true or false, not '{value}'."));
        return null;
    }
}
