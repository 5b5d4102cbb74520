using System.Globalization;
using MediaFunctions.Core.Ffmpeg;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>How files of one of Auphonic's output formats are written. Made by <see cref="ProductionFormats"/>.</summary>
public sealed class ProductionFormat
{
    internal ProductionFormat()
    {
    }

    /// <summary>The format's name as Auphonic's API writes it, e.g. <c>mp3-vbr</c>.</summary>
    public required string Name { get; init; }

    public required ProductionFormatKind Kind { get; init; }

    /// <summary>The file ending (without its dot), e.g. <c>m4a</c> or <c>flac.zip</c>.</summary>
    public required string Ending { get; init; }

    public required string MimeType { get; init; }

    /// <summary>ffmpeg's muxer (<c>-f</c>); for <see cref="ProductionFormatKind.Tracks"/>, that of each track's file.</summary>
    public required string Muxer { get; init; }

    /// <summary>How the file holds tags and chapters.</summary>
    public required OutputContainer Container { get; init; }

    /// <summary>The bit rate (kbit/s) used when none is asked for; null for formats whose quality no bit rate sets (lossless, PCM).</summary>
    public int? DefaultBitrateKbps { get; init; }

    /// <summary>True when an asked-for bit rate is honoured.</summary>
    public bool TakesBitrate => DefaultBitrateKbps is not null;

    /// <summary>True when the container carries cover art that ffmpeg 5.1 writes (an attached picture).</summary>
    public bool CarriesCoverArt { get; init; }

    /// <summary>The audio encoder and its fixed options.</summary>
    internal IReadOnlyList<string> AudioEncoder { get; init; } = [];

    /// <summary>True when the bit rate picks a LAME VBR quality rather than being a target itself.</summary>
    internal bool BitrateSetsVbrQuality { get; init; }

    /// <summary>
    /// LAME's VBR presets V0…V9 by the average bit rate (kbit/s) each gives on typical material, from the LAME
    /// documentation; an asked-for bit rate picks the nearest.
    /// </summary>
    internal static readonly IReadOnlyList<int> LameVbrAverageKbps = [245, 225, 190, 175, 165, 130, 115, 100, 85, 65];

    /// <summary>The audio encoder arguments for an asked-for bit rate (kbit/s), or the default one when null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The bit rate is outside what the encoders accept.</exception>
    public IReadOnlyList<string> AudioArguments(int? bitrateKbps)
    {
        if (DefaultBitrateKbps is not { } defaultKbps)
        {
            return AudioEncoder;
        }

        var bitrate = AudioBitrate.FromKilobits(bitrateKbps ?? defaultKbps);
        if (!BitrateSetsVbrQuality)
        {
            return [.. AudioEncoder, "-b:a", bitrate.ToArgument()];
        }

        var kbps = bitrate.BitsPerSecond / 1000;
        var quality = Enumerable.Range(0, LameVbrAverageKbps.Count).MinBy(preset => Math.Abs(LameVbrAverageKbps[preset] - kbps));
        return [.. AudioEncoder, "-q:a", quality.ToString(CultureInfo.InvariantCulture)];
    }
}
