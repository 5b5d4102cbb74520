namespace MediaFunctions.Core.Jobs;

/// <summary>An upload went past the configured size cap; nothing of it was kept.</summary>
public sealed class UploadTooLargeException(long limitBytes)
    : Exception($"The upload is larger than the {limitBytes:N0}-byte limit.")
{
    public long LimitBytes { get; } = limitBytes;
}
