using MediaFunctions.Core.Media.Production.Chapters;
using MediaFunctions.Core.Media.Production.Loudness;
using MediaFunctions.Core.Media.Production.Tagging;

namespace MediaFunctions.Core.Productions.Runs;

/// <summary>
/// One run of a production, as it was resolved from the production's fields when it started: the orchestration's input.
/// Later changes to the production do not change a run under way.
/// </summary>
/// <param name="KeyId">The key that owns the production.</param>
/// <param name="Uuid">The production.</param>
/// <param name="InstanceId">This run's orchestration instance.</param>
/// <param name="Main">The main audio or video.</param>
/// <param name="Intro">Played before it; null when none.</param>
/// <param name="Outro">Played after it; null when none.</param>
/// <param name="Image">The cover image; null when none.</param>
/// <param name="BaseName">The name output files are named from when their entry gives none.</param>
/// <param name="Outputs">The <c>output_files</c> entries.</param>
/// <param name="Metadata">The tags.</param>
/// <param name="Chapters">The chapter marks.</param>
/// <param name="Loudness">Filtering and loudness.</param>
/// <param name="Algorithms">The other audio algorithms.</param>
/// <param name="Tracks">A multitrack production's tracks (the first is also <paramref name="Main"/>); empty for a single-track one.</param>
/// <param name="OutgoingServices">The services the results are sent to.</param>
/// <param name="Webhook">The URL told of the end with Auphonic's form POST; null when none.</param>
/// <param name="NotApplied">The asked-for algorithms this server has no model for, each as the production's status names it.</param>
public sealed record ProductionJob(
    string KeyId,
    string Uuid,
    string InstanceId,
    ProductionSource Main,
    ProductionSource? Intro,
    ProductionSource? Outro,
    ProductionSource? Image,
    string BaseName,
    IReadOnlyList<ProductionOutputRequest> Outputs,
    ProductionMetadata Metadata,
    IReadOnlyList<ProductionChapter> Chapters,
    LoudnessSettings Loudness,
    ProductionAlgorithms Algorithms,
    IReadOnlyList<ProductionTrack> Tracks,
    IReadOnlyList<string> OutgoingServices,
    string? Webhook,
    IReadOnlyList<string> NotApplied)
{
    /// <summary>True for a multitrack production.</summary>
    public bool IsMultitrack => Tracks.Count > 0;
}

/// <summary>Where one input of a run comes from: exactly one of an upload, a URL, or a file of a registered service.</summary>
/// <param name="Field">What it is for: <c>input_file</c>, <c>intro</c>, <c>outro</c>, <c>image</c> or a track's id; names it in errors and its staged blob.</param>
/// <param name="UploadBlob">The uploaded file's blob in the inputs container.</param>
/// <param name="Url">An http(s) URL read with the URL sources' address rules.</param>
/// <param name="ServiceUuid">A registered service the file is read from.</param>
/// <param name="ServiceFile">The file's name on that service.</param>
public sealed record ProductionSource(string Field, string? UploadBlob = null, string? Url = null, string? ServiceUuid = null, string? ServiceFile = null)
{
    /// <summary>The name of the file, for naming outputs after it.</summary>
    public string? FileName => ServiceFile ?? (Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        ? Uri.UnescapeDataString(uri.Segments[^1]) : null);
}

/// <summary>One <c>output_files</c> entry as asked for; its file name is settled once the main input is known.</summary>
/// <param name="Format">The Auphonic format.</param>
/// <param name="BitrateKbps">The asked-for bit rate; null for the format's default.</param>
/// <param name="FileName">The asked-for file name; null to name it from the run's base name.</param>
/// <param name="Ending">The asked-for ending (extension) without its dot; null for the format's.</param>
/// <param name="Suffix">Added to the base name when the file name is made from it.</param>
/// <param name="MonoMixdown">Mix down to one channel.</param>
/// <param name="SplitOnChapters">One file per chapter.</param>
public sealed record ProductionOutputRequest(string Format, int? BitrateKbps, string? FileName, string? Ending, string? Suffix, bool MonoMixdown, bool SplitOnChapters);
