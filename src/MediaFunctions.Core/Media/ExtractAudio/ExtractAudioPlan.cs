namespace MediaFunctions.Core.Media.ExtractAudio;

/// <summary>
/// One ffmpeg invocation that decodes the input once and writes every requested file, plus the AMR-NB
/// step when AMR must be encoded outside ffmpeg. Serializable: it may travel between activities.
/// </summary>
public sealed record ExtractAudioPlan
{
    /// <summary>ffmpeg's argument list (never joined into a command line).</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    public required IReadOnlyList<PlannedAudioOutput> Outputs { get; init; }

    /// <summary>How long the extracted audio will be, when the input's duration is known; for progress.</summary>
    public TimeSpan? ExpectedDuration { get; init; }

    /// <summary>Set when ffmpeg writes PCM to stdout for <see cref="Audio.AmrNbEncoder"/> to turn into an AMR file.</summary>
    public AmrNbEncodeStep? AmrNbEncode { get; init; }
}
