using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.Uploads;

/// <summary>Upload sessions (browser and CLI uploads straight to storage), bound from the "Uploads" section.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Uploads";

    /// <summary>
    /// How long an upload lives: its write link works until then, and then whatever a job has not taken is deleted.
    /// Short, because the link lets anyone holding it write that one blob.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The bytes of every block but the last: 8 MiB by default, a size browsers send well in one request. Each session keeps
    /// the size it was created with.
    /// </summary>
    [Range(64 * 1024, 100 * 1024 * 1024)]
    public int BlockSize { get; set; } = 8 * 1024 * 1024;
}
