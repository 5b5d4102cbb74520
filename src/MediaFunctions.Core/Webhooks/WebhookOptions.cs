using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.Webhooks;

/// <summary>Settings of webhook deliveries, bound from the "Webhooks" section.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>The longest wait between two attempts, however many there are.</summary>
    public static readonly TimeSpan MaxRetryInterval = TimeSpan.FromMinutes(10);

    /// <summary>How many times a delivery is tried before it is given up on.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the second attempt; each later wait doubles (1 s, 2 s, 4 s, 8 s by default).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstRetryInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one attempt may take, from connecting to the receiver's status line.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
