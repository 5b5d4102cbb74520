using MediaFunctions.Core.Media.Production.Rendering;

namespace MediaFunctions.Core.Productions.Runs;

/// <summary>
/// Names a run's output files as Auphonic does: an entry's own <c>filename</c>, else the base name (<c>output_basename</c>,
/// else the input's name) with the entry's <c>suffix</c> and <c>ending</c> (else its format's). Two entries that would
/// share a name (mp3 and mp3-vbr, say) are told apart by a number, since each is served by its name.
/// </summary>
public static class ProductionOutputNames
{
    /// <param name="requests">The <c>output_files</c> entries.</param>
    /// <param name="baseName">The run's base name.</param>
    /// <param name="inputFormatNames">The main input's demuxer names, which choose a video output's ending.</param>
    public static IReadOnlyList<ProductionOutputFile> Resolve(IReadOnlyList<ProductionOutputRequest> requests, string baseName, IReadOnlyList<string> inputFormatNames)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var files = new List<ProductionOutputFile>();
        foreach (var request in requests)
        {
            var ending = request.Ending ?? ProductionFormats.DefaultEnding(request.Format, VideoEnding(inputFormatNames));
            var name = request.FileName ?? $"{baseName}{request.Suffix}.{ending}";
            var unique = name;
            for (var number = 2; !taken.Add(unique); number++)
            {
                unique = $"{Path.GetFileNameWithoutExtension(name)}-{number}{Path.GetExtension(name)}";
            }

            files.Add(new ProductionOutputFile(request.Format, request.BitrateKbps, unique, request.MonoMixdown, request.SplitOnChapters));
        }

        return files;
    }

    /// <summary>The ending of "the same format as the input" for a video output.</summary>
    public static string VideoEnding(IReadOnlyList<string> inputFormatNames) =>
        inputFormatNames.Contains("mp4") || inputFormatNames.Contains("mov") ? "mp4"
        : inputFormatNames.Contains("avi") ? "avi"
        : "mkv";
}
