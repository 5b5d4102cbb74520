namespace MediaFunctions.Core.Media.Download;

/// <summary>One ffmpeg run that writes the download's file and, when asked, its subtitle tracks as WebVTT.</summary>
/// <param name="Arguments">ffmpeg's argument list (never joined into a command line).</param>
/// <param name="ExpectedDuration">The output's length when known beforehand; for progress.</param>
/// <param name="Encodes">True when a stream is re-encoded (the job's stage is then "processing", not "downloading").</param>
/// <param name="Corrections">The settings' corrections plus those the source's streams forced.</param>
/// <param name="Subtitles">The WebVTT files the run writes, by language.</param>
public sealed record DownloadPlan(
    IReadOnlyList<string> Arguments,
    TimeSpan? ExpectedDuration,
    bool Encodes,
    IReadOnlyList<DownloadCorrection> Corrections,
    IReadOnlyList<PlannedSubtitle> Subtitles);

/// <summary>A subtitle track the plan writes as WebVTT.</summary>
public sealed record PlannedSubtitle(string Language, string Path);
