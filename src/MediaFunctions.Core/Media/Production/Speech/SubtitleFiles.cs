using System.Globalization;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// WebVTT and SRT subtitles from a transcript's words: a cue ends at a pause, after at most 7 s, or when its text
/// would need more than two lines of 42 characters (the common broadcast reading limits).
/// </summary>
public static class SubtitleFiles
{
    public const int MaxLineLength = 42;
    public const int MaxLines = 2;
    public static readonly TimeSpan MaxCueDuration = TimeSpan.FromSeconds(7);

    /// <summary>A silence this long between words ends a cue: subtitles change where the speaker pauses.</summary>
    public static readonly TimeSpan CuePause = TimeSpan.FromSeconds(0.5);

    /// <summary>The cues for <paramref name="words"/>, in time order.</summary>
    public static IReadOnlyList<SubtitleCue> Cues(IReadOnlyList<TranscriptWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        var cues = new List<SubtitleCue>();
        var current = new List<TranscriptWord>();
        foreach (var word in words)
        {
            if (current.Count > 0
                && (word.Start - current[^1].End >= CuePause
                    || word.End - current[0].Start > MaxCueDuration
                    || Wrap([.. current.Select(kept => kept.Text), word.Text]).Count > MaxLines))
            {
                cues.Add(Cue(current));
                current = [];
            }

            current.Add(word);
        }

        if (current.Count > 0)
        {
            cues.Add(Cue(current));
        }

        return cues;
    }

    /// <summary>Writes <paramref name="words"/> as WebVTT.</summary>
    public static async Task WriteVttAsync(TextWriter writer, IReadOnlyList<TranscriptWord> words, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await writer.WriteAsync("WEBVTT\n\n".AsMemory(), cancellationToken);
        foreach (var cue in Cues(words))
        {
            await writer.WriteAsync($"{Time(cue.Start, '.')} --> {Time(cue.End, '.')}\n{string.Join('\n', cue.Lines)}\n\n".AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes <paramref name="words"/> as SubRip (SRT).</summary>
    public static async Task WriteSrtAsync(TextWriter writer, IReadOnlyList<TranscriptWord> words, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var number = 0;
        foreach (var cue in Cues(words))
        {
            number++;
            await writer.WriteAsync(
                string.Create(CultureInfo.InvariantCulture, $"{number}\n{Time(cue.Start, ',')} --> {Time(cue.End, ',')}\n{string.Join('\n', cue.Lines)}\n\n").AsMemory(),
                cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static SubtitleCue Cue(List<TranscriptWord> words) => new(words[0].Start, words[^1].End, Wrap(words.Select(word => word.Text)));

    /// <summary>The words broken greedily into lines of at most <see cref="MaxLineLength"/> characters.</summary>
    private static List<string> Wrap(IEnumerable<string> words)
    {
        var lines = new List<string>();
        foreach (var word in words)
        {
            if (lines.Count > 0 && lines[^1].Length + 1 + word.Length <= MaxLineLength)
            {
                lines[^1] += " " + word;
            }
            else
            {
                lines.Add(word);
            }
        }

        return lines;
    }

    private static string Time(TimeSpan time, char fractionSeparator) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}:{time.Seconds:00}{fractionSeparator}{time.Milliseconds:000}");
}
