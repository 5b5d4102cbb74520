using System.Text.Json.Serialization;

namespace MediaFunctions.Core.Media.Production.Analysis;

/// <summary>A stretch of a track's timeline, from <see cref="Start"/> up to (not including) <see cref="End"/>.</summary>
/// <param name="Start">Where it starts, from the track's start.</param>
/// <param name="End">Where it ends; not before <paramref name="Start"/>.</param>
public readonly record struct TimeRange(TimeSpan Start, TimeSpan End)
{
    /// <summary>How long it lasts.</summary>
    [JsonIgnore]
    public TimeSpan Duration => End - Start;

    /// <summary>True when <paramref name="time"/> falls inside it.</summary>
    public bool Contains(TimeSpan time) => time >= Start && time < End;
}
