using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Cutting;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Media.Production.Rendering;

/// <summary>
/// Everything one production's render needs: its inputs (each with its own measured loudness plan), the output files,
/// and what is written into them. The render decodes each input once and encodes every output from that one decode.
/// </summary>
/// <param name="Main">The main audio (or video).</param>
/// <param name="Intro">Played before the main audio; null when none.</param>
/// <param name="Outro">Played after the main audio; null when none.</param>
/// <param name="Outputs">The files to write, each named as it is stored.</param>
/// <param name="Metadata">The tags written into every file that can carry them.</param>
/// <param name="Chapters">The chapters, as times of the finished audio (intro included).</param>
/// <param name="CoverImagePath">A local image file embedded as cover art and used by the audiogram; null when none.</param>
/// <param name="ChapterImagePaths">Local image files of the chapters that have one, in <paramref name="Chapters"/>' order (null where a chapter has none); empty when no chapter has one.</param>
/// <param name="OutputFolder">The folder the files are written into; the render may also write its work files there.</param>
public sealed record ProductionRenderSpec(
    ProductionRenderInput Main,
    ProductionRenderInput? Intro,
    ProductionRenderInput? Outro,
    IReadOnlyList<ProductionOutputFile> Outputs,
    ProductionMetadata Metadata,
    IReadOnlyList<ProductionChapter> Chapters,
    string? CoverImagePath,
    IReadOnlyList<string?> ChapterImagePaths,
    string OutputFolder);

/// <summary>One input of a production render.</summary>
/// <param name="Location">A local path or URL ffmpeg reads.</param>
/// <param name="InputArguments">ffmpeg options put before its <c>-i</c> (e.g. the relay's), empty when none.</param>
/// <param name="Loudness">Its clean-up filters and loudness stage, planned from its own measurement.</param>
/// <param name="Duration">Its length as probed.</param>
/// <param name="HasVideo">True when it has a video stream (only the main input's is ever used).</param>
/// <param name="Channels">Its audio channels as probed; the main's count sets the production's (mono, else stereo).</param>
public sealed record ProductionRenderInput(string Location, IReadOnlyList<string> InputArguments, LoudnessPlan Loudness, TimeSpan Duration, bool HasVideo, int Channels)
{
    /// <summary>
    /// A multitrack production's tracks, mixed into this (main) input, whose <see cref="Location"/> is then not read and whose
    /// <see cref="Loudness"/> is the master chain applied to the mix; empty for a single-track production.
    /// </summary>
    public IReadOnlyList<ProductionRenderTrack> Tracks { get; init; } = [];

    /// <summary>What the cutters remove from a multitrack production's tracks before they are mixed (a single track's cuts are in its <see cref="Loudness"/>).</summary>
    public CutList Cuts { get; init; } = CutList.Empty;

    /// <summary>A multitrack production's main input: its tracks, cut, mixed, then <paramref name="master"/> (planned from <see cref="Multitrack.MultitrackMixMeasurer"/>).</summary>
    /// <param name="tracks">The tracks, at least one.</param>
    /// <param name="master">The master's clean-up and loudness stage, applied to the mix.</param>
    /// <param name="channels">The production's channels: 1 for mono, else stereo.</param>
    /// <param name="cuts">What the cutters remove from every track; null for nothing.</param>
    public static ProductionRenderInput Mixed(IReadOnlyList<ProductionRenderTrack> tracks, LoudnessPlan master, int channels, CutList? cuts = null)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        if (tracks.Count == 0)
        {
            throw new ArgumentException("A multitrack production needs at least one track.", nameof(tracks));
        }

        cuts ??= CutList.Empty;
        return new ProductionRenderInput("", [], master, tracks.Max(track => track.Duration) - cuts.Removed, HasVideo: false, channels) { Tracks = tracks, Cuts = cuts };
    }
}

/// <summary>One entry of a production's <c>output_files</c>, resolved.</summary>
/// <param name="Format">Its Auphonic format: mp3, mp3-vbr, vorbis, opus, aac, flac, alac, wav, wav-24bit, video, audiogram or tracks (a multitrack production's processed tracks, zipped: its file name ends in .wav.zip or .flac.zip).</param>
/// <param name="BitrateKbps">The asked-for bit rate (kbit/s); null for the format's default.</param>
/// <param name="FileName">The file's name as stored (with its ending); with <paramref name="SplitOnChapters"/>, the name each numbered file is made from.</param>
/// <param name="MonoMixdown">Mix down to one channel.</param>
/// <param name="SplitOnChapters">One file per chapter instead of one file.</param>
/// <param name="GainDecibels">A gain for this file alone, before its encoder: what <see cref="EncoderLoudnessCalibrator"/> measured its encoder to take away.</param>
public sealed record ProductionOutputFile(string Format, int? BitrateKbps, string FileName, bool MonoMixdown, bool SplitOnChapters, double GainDecibels = 0);

/// <summary>A file a production render wrote.</summary>
/// <param name="Output">The output entry it was written for.</param>
/// <param name="Path">Where it is.</param>
/// <param name="MimeType">Its content type.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Duration">Its playing time.</param>
/// <param name="ChapterNumber">Which chapter (1-based) it holds when its output is split on chapters; null otherwise.</param>
public sealed record RenderedProductionFile(ProductionOutputFile Output, string Path, string MimeType, long Length, TimeSpan Duration, int? ChapterNumber);
