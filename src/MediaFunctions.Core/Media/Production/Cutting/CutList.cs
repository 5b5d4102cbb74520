using System.Text.Json.Serialization;
using MediaFunctions.Core.Media.Production.Analysis;

namespace MediaFunctions.Core.Media.Production.Cutting;

/// <summary>
/// The spans of an input's timeline a production removes (long pauses, filler words, coughs): what the cutters decide and
/// the render applies with <see cref="Filter"/>. A plain record so it crosses durable activity boundaries as JSON.
/// </summary>
public sealed record CutList
{
    /// <summary>A list that removes nothing.</summary>
    public static readonly CutList Empty = new([]);

    /// <param name="spans">The spans to remove, in any order; overlapping and touching ones are merged, empty ones dropped.</param>
    [JsonConstructor]
    public CutList(IReadOnlyList<TimeRange> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        Spans = Merge(spans);
    }

    /// <summary>The removed spans of the input's timeline: sorted, apart from each other, none empty.</summary>
    public IReadOnlyList<TimeRange> Spans { get; }

    /// <summary>How much of the input is removed.</summary>
    [JsonIgnore]
    public TimeSpan Removed => Spans.Aggregate(TimeSpan.Zero, (total, span) => total + span.Duration);

    /// <summary>
    /// Where <paramref name="input"/> (a time of the input) lands in the output, for chapters, speech-recognition
    /// timestamps and the other tracks' edits; null when it is cut.
    /// </summary>
    public TimeSpan? MapTime(TimeSpan input)
    {
        var removedBefore = TimeSpan.Zero;
        foreach (var span in Spans)
        {
            if (span.Contains(input))
            {
                return null;
            }

            if (span.Start > input)
            {
                break;
            }

            removedBefore += span.Duration;
        }

        return input - removedBefore;
    }

    /// <summary>The spans either list removes: how the cutters' decisions combine.</summary>
    public CutList Union(CutList other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new CutList([.. Spans, .. other.Spans]);
    }

    /// <summary>
    /// An ffmpeg filter chain (no labels) that removes the spans from an audio stream at <paramref name="sampleRate"/>, with a
    /// short fade at each join; null when nothing is removed. It reads times from the stream's start, as the analysis did.
    /// </summary>
    public string? Filter(int sampleRate) => Spans.Count == 0 ? null : CutFilter.Chain(Spans, sampleRate);

    public bool Equals(CutList? other) => other is not null && Spans.SequenceEqual(other.Spans);

    public override int GetHashCode() => Spans.Aggregate(Spans.Count, HashCode.Combine);

    private static TimeRange[] Merge(IReadOnlyList<TimeRange> spans)
    {
        var merged = new List<TimeRange>();
        foreach (var span in spans.Where(span => span.End > span.Start).OrderBy(span => span.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = span.End > merged[^1].End ? span.End : merged[^1].End };
            }
            else
            {
                merged.Add(span);
            }
        }

        return [.. merged];
    }
}
