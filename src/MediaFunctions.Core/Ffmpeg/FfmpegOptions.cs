using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.Ffmpeg;

/// <summary>
/// Where ffmpeg lives and how long its runs may take, bound from the "Ffmpeg" section and validated
/// on start, so a bad setting fails the boot rather than the first job.
/// </summary>
public sealed class FfmpegOptions : IValidatableObject
{
    public const string SectionName = "Ffmpeg";

    /// <summary>A folder holding <c>ffmpeg</c> and <c>ffprobe</c>; when unset, the bundled layer, then PATH.</summary>
    public string? BinaryFolder { get; set; }

    /// <summary>How long one ffmpeg run may take unless the caller gives its own timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan DefaultTimeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long one ffprobe run may take (a remote URL can be slow to open).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a cancelled ffmpeg gets to finish after SIGINT before its process tree is killed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(BinaryFolder) && !Directory.Exists(BinaryFolder))
        {
            yield return new ValidationResult(
                $"Ffmpeg:BinaryFolder '{BinaryFolder}' does not exist.", [nameof(BinaryFolder)]);
        }
    }
}
