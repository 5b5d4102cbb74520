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

    /// <summary>The most bytes a job reads from a URL source, unless <see cref="Keys"/> says otherwise for its key: a larger source is refused with 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxSourceBytes { get; set; } = 20L * 1024 * 1024 * 1024;

    /// <summary>The longest media a job takes (and the longest live recording), unless <see cref="Keys"/> says otherwise: a longer one is refused with 422.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "4.04:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Per key id, caps that replace <see cref="MaxSourceBytes"/> and <see cref="MaxDuration"/>.</summary>
    public Dictionary<string, JobKeyLimits> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The most jobs queued or running at once; a job past it is refused with 503 and Retry-After. 0: no limit.</summary>
    [Range(0, int.MaxValue)]
    public int MaxQueuedJobs { get; set; } = 1000;

    /// <summary>The longest a download with <c>wait_for_scheduled</c> waits for its stream to start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan ScheduledStreamWait { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often a waiting download looks whether its stream has started.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ScheduledStreamPollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a DELETE waits for the job's deletion to finish before it answers; the rest goes on in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan DeleteWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The source size cap of a key.</summary>
    public long MaxSourceBytesFor(string keyId) => Keys.TryGetValue(keyId, out var limits) && limits.MaxSourceBytes is { } bytes ? bytes : MaxSourceBytes;

    /// <summary>The duration cap of a key.</summary>
    public TimeSpan MaxDurationFor(string keyId) => Keys.TryGetValue(keyId, out var limits) && limits.MaxDuration is { } duration ? duration : MaxDuration;
}
