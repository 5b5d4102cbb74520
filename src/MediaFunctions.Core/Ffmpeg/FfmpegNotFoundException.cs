namespace MediaFunctions.Core.Ffmpeg;

/// <summary>Thrown when ffmpeg or ffprobe is in none of the places it is looked for; names every place.</summary>
public sealed class FfmpegNotFoundException : Exception
{
    public FfmpegNotFoundException(IReadOnlyList<string> searchedLocations)
        : base("ffmpeg and ffprobe were not found. Looked in: " + string.Join("; ", searchedLocations)
            + ". Set Ffmpeg:BinaryFolder, build ffmpeg-layer, or install ffmpeg on PATH.")
    {
        SearchedLocations = searchedLocations;
    }

    /// <summary>The folders (and how they were chosen) that were searched, in order.</summary>
    public IReadOnlyList<string> SearchedLocations { get; }
}
