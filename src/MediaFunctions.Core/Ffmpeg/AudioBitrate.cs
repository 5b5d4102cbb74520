using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>An audio bit rate within what our encoders accept, written as ffmpeg's <c>-b:a</c> value (<c>192k</c>).</summary>
[JsonConverter(typeof(AudioBitrateJsonConverter))]
public readonly record struct AudioBitrate
{
    public const int MinBitsPerSecond = 8_000;
    public const int MaxBitsPerSecond = 640_000;

    private AudioBitrate(int bitsPerSecond) => BitsPerSecond = bitsPerSecond;

    public int BitsPerSecond { get; }

    /// <exception cref="ArgumentOutOfRangeException">Outside <see cref="MinBitsPerSecond"/>–<see cref="MaxBitsPerSecond"/>.</exception>
    public static AudioBitrate FromBitsPerSecond(int bitsPerSecond) =>
        bitsPerSecond is >= MinBitsPerSecond and <= MaxBitsPerSecond
            ? new AudioBitrate(bitsPerSecond)
            : throw new ArgumentOutOfRangeException(nameof(bitsPerSecond), bitsPerSecond,
                $"An audio bit rate is between {MinBitsPerSecond / 1000}k and {MaxBitsPerSecond / 1000}k.");

    public static AudioBitrate FromKilobits(int kilobitsPerSecond) => FromBitsPerSecond(checked(kilobitsPerSecond * 1000));

    /// <summary>Parses <c>192k</c>, <c>192K</c> or <c>192000</c> within range.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AudioBitrate bitrate)
    {
        bitrate = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var multiplier = 1;
        if (value.EndsWith('k') || value.EndsWith('K'))
        {
            multiplier = 1000;
            value = value[..^1];
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || (long)number * multiplier is < MinBitsPerSecond or > MaxBitsPerSecond)
        {
            return false;
        }

        bitrate = new AudioBitrate(number * multiplier);
        return true;
    }

    /// <summary>The value as ffmpeg takes it, e.g. <c>192k</c>.</summary>
    public string ToArgument() =>
        BitsPerSecond % 1000 == 0
            ? $"{(BitsPerSecond / 1000).ToString(CultureInfo.InvariantCulture)}k"
            : BitsPerSecond.ToString(CultureInfo.InvariantCulture);

    public override string ToString() => ToArgument();
}
