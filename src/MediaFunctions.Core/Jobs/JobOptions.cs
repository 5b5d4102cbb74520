using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.Jobs;

/// <summary>Settings of jobs and their files, bound from the "Jobs" section.</summary>
public sealed class JobOptions
{
    public const string SectionName = "Jobs";

    /// <summary>How long a non-persistent output's link works; its files are deleted after that.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The largest upload accepted, in bytes; a larger one is answered 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>How long one ffmpeg run of a job may take.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a stable link's redirect SAS works.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RedirectLinkLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a start request of the YouTube-to-MP3 dialect waits for its job, so a short one answers with its link at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ConvertWait { get; set; } = TimeSpan.FromSeconds(20);
}
