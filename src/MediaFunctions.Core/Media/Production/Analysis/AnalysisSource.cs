using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>
/// What a <see cref="ProductionAnalysisPass"/> decodes: its ffmpeg inputs, and the filter graph that makes of them the one
/// stream it measures, its last chain left unlabelled for the pass to go on from.
/// </summary>
/// <param name="InputArguments">Every input's options and <c>-i</c>.</param>
/// <param name="Graph">The graph up to the measured stream; the pass appends its filters after a comma.</param>
public sealed record AnalysisSource(IReadOnlyList<string> InputArguments, string Graph)
{
    private const double GoldenRatioFraction = 0.6180339887498949;

    /// <summary>The first audio stream of one file or URL, its time line starting at zero.</summary>
    public static AnalysisSource File(string input)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        return new(["-i", input], "[0:a:0]asetpts=PTS-STARTPTS");
    }

    /// <summary>
    /// <paramref name="count"/> stretches of <paramref name="length"/> over an input of <paramref name="duration"/>, one in each
    /// of as many equal parts, each reached by seeking (so the rest is not decoded) and joined end to end: how a long input is
    /// measured for what any stretch of a recording tells as well as the whole.
    /// </summary>
    /// <remarks>
    /// NOTE: each stretch lies at another place in its part (the golden ratio's multiples, which never line up): evenly spaced
    /// stretches of anything that repeats, such as a loop or a segment every five minutes, would all hear the same moment of it.
    /// </remarks>
    public static AnalysisSource Excerpts(string input, TimeSpan duration, int count, TimeSpan length)
    {
        ArgumentException.ThrowIfNullOrEmpty(input);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var part = duration / count;
        var room = part > length ? part - length : TimeSpan.Zero;
        var arguments = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var place = (i + 1) * GoldenRatioFraction % 1;
            arguments.AddRange(["-ss", Seconds(part * i + room * place), "-t", Seconds(length), "-i", input]);
        }

        var joined = string.Concat(Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{i}:a:0]")));
        return new(arguments, string.Create(CultureInfo.InvariantCulture, $"{joined}concat=n={count}:v=0:a=1"));
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
