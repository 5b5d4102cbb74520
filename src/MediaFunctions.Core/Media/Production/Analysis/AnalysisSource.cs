namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// What a <see cref="ProductionAnalysisPass"/> decodes: its ffmpeg inputs, and the filter graph that makes of them the one
/// stream it measures, its last chain left unlabelled for the pass to go on from.
/// </summary>
/// <param name="InputArguments">Every input's options and <c>-i</c>.</param>
/// <param name="Graph">The graph up to the measured stream; the pass appends its filters after a comma.</param>
public sealed record AnalysisSource(IReadOnlyList<string> InputArguments, string Graph)
{
    /// <summary>The first audio stream of one file or URL, its time line starting at zero.</summary>
    public static AnalysisSource File(string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        return new(["-i", input], "[0:a:0]asetpts=PTS-STARTPTS");
    }
}
