using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Audio;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>
/// What to extract: from <see cref="StartSeconds"/>, either <see cref="DurationSeconds"/> of audio or, with
/// <see cref="FullAudio"/>, everything to the end, in each of <see cref="Formats"/>. Defaults are ApyHub's.
/// </summary>
public sealed record ExtractAudioRequest
{
    public const double DefaultDurationSeconds = 2;

    /// <summary>Where the audio starts, in seconds from the beginning (ApyHub <c>start_time</c>).</summary>
    public double StartSeconds { get; init; }

    /// <summary>How long the clip is, in seconds (ApyHub <c>duration</c>); ignored with <see cref="FullAudio"/>.</summary>
    public double DurationSeconds { get; init; } = DefaultDurationSeconds;

    /// <summary>Everything from the start to the end (ApyHub <c>full_audio</c>).</summary>
    public bool FullAudio { get; init; }

    /// <summary>The files to produce, one per format (ApyHub <c>output_format</c>).</summary>
    public IReadOnlyList<AudioFormat> Formats { get; init; } = [AudioFormat.Mp3];

    /// <summary>
    /// The bit rate to encode at, instead of each format's default quality; null keeps the defaults and lets
    /// audio that already fits a format be copied. Lossless and fixed-rate formats (WAV, FLAC, AMR) ignore it.
    /// </summary>
    public AudioBitrate? Bitrate { get; init; }

    /// <summary>Everything wrong with the request; empty when it can be planned.</summary>
    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new List<ValidationError>();
        var longest = MediaTime.MaxValue.TotalSeconds;
        if (!double.IsFinite(StartSeconds) || StartSeconds < 0 || StartSeconds > longest)
        {
            errors.Add(new("start_time", $"start_time must be a number of seconds from 0 to {longest:0}."));
        }

        if (!FullAudio && (!double.IsFinite(DurationSeconds) || DurationSeconds <= 0 || DurationSeconds > longest))
        {
            errors.Add(new("duration", $"duration must be a number of seconds greater than 0 and at most {longest:0}."));
        }

        if (Formats is not { Count: > 0 })
        {
            errors.Add(new("output_format", $"output_format must name at least one of: {AudioFormatCatalog.Names}."));
            return errors;
        }

        foreach (var format in Formats.Where(format => !Enum.IsDefined(format)).Distinct())
        {
            errors.Add(new("output_format", $"output_format {(int)format} is not one of: {AudioFormatCatalog.Names}."));
        }

        foreach (var repeated in Formats.Where(Enum.IsDefined).GroupBy(format => format).Where(group => group.Count() > 1))
        {
            errors.Add(new("output_format", $"output_format lists {AudioFormatCatalog.Get(repeated.Key).Name} more than once."));
        }

        return errors;
    }
}
