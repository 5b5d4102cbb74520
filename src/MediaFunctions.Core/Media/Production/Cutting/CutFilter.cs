using System.Globalization;
using System.Text;
using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Media.Production.Cutting;

/// <summary>
/// Builds <see cref="CutList.Filter"/>'s chain: the stream in <see cref="FrameDuration"/> frames (<c>asetnsamples</c>), a fade
/// to silence either side of each cut (<c>volume</c>, once a frame), the frames inside a cut dropped (<c>aselect</c>), and the
/// timestamps made continuous again (<c>asetpts</c>).
/// </summary>
/// <remarks>
/// NOTE: one <c>aselect</c>, not a trim and a concat input per kept segment: those need an <c>asplit</c> output per segment,
/// each reading the whole stream, and concat would queue every later segment in memory. Each expression picks its cut by a
/// balanced tree of <c>if(lt(t,…))</c>, so a frame costs log₂(cuts) comparisons (a flat sum of <c>between</c> terms costs one
/// per cut, and ffmpeg's parser refuses one of a hundred). A frame's cost, not the expressions', bounds the speed: 2 ms
/// frames cut to within a millisecond at about 200 times real time; a sample-exact frame would cost a hundred times more.
/// The chain grows by about 100 characters a cut: past some 1,200 cuts it outgrows one Linux argument (128 KiB), and the
/// renderer of that many cuts must pass it in a <c>-filter_script</c> file.
/// </remarks>
internal static class CutFilter
{
    /// <summary>The frame the cuts snap to.</summary>
    public static readonly TimeSpan FrameDuration = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// The fade either side of a join: a cut lies in a pause, where a hard join of the room's noise clicks. 10 ms in five
    /// steps (the gain changes once a frame) puts a join's click some 20 dB under a hard join's, for a 20 ms dip in room tone.
    /// </summary>
    public static readonly TimeSpan FadeDuration = TimeSpan.FromMilliseconds(10);

    /// <summary>The chain; null when every span is shorter than a frame.</summary>
    public static string? Chain(IReadOnlyList<TimeRange> spans, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var frameSamples = Math.Max(1, (int)Math.Round(FrameDuration.TotalSeconds * sampleRate));
        var frame = (double)frameSamples / sampleRate;
        // Each cut as the half-open range of frame starts it drops, half a frame early so a frame's start never rounds
        // to the wrong side of it; the fade reads the same bounds at the frame's middle.
        var cuts = spans
            .Select(span => (Start: Math.Round(span.Start.TotalSeconds / frame) * frame - frame / 2, End: Math.Round(span.End.TotalSeconds / frame) * frame - frame / 2))
            .Where(cut => cut.End > cut.Start)
            .ToArray();
        if (cuts.Length == 0)
        {
            return null;
        }

        var fade = Number(FadeDuration.TotalSeconds);
        var gain = Tree(cuts, (start, end) => $"clip(max({start}-t,t-{end})/{fade},0,1)");
        var dropped = Tree(cuts, (start, end) => $"gte(t,{start})*lt(t,{end})");
        return string.Create(CultureInfo.InvariantCulture,
            $"asetpts=PTS-STARTPTS,asetnsamples=n={frameSamples}:p=0,volume=volume='{gain}':eval=frame,aselect=expr='not({dropped})',asetpts=N/SR/TB");
    }

    /// <summary>
    /// An expression of t that is <paramref name="leaf"/> of the cut nearest t: a balanced tree split halfway between
    /// neighbouring cuts. The chain quotes it, as it holds commas.
    /// </summary>
    private static string Tree((double Start, double End)[] cuts, Func<string, string, string> leaf)
    {
        var expression = new StringBuilder();
        void Append(ReadOnlySpan<(double Start, double End)> range)
        {
            if (range.Length == 1)
            {
                expression.Append(leaf(Number(range[0].Start), Number(range[0].End)));
                return;
            }

            var middle = range.Length / 2;
            expression.Append("if(lt(t,").Append(Number((range[middle - 1].End + range[middle].Start) / 2)).Append("),");
            Append(range[..middle]);
            expression.Append(',');
            Append(range[middle..]);
            expression.Append(')');
        }

        Append(cuts);
        return expression.ToString();
    }

    private static string Number(double seconds) => seconds.ToString("0.####", CultureInfo.InvariantCulture);
}
