namespace MediaFunctions.Core.Sources;

/// <summary>A URL source is larger than the byte cap its job was given (413 <c>source_too_large</c>).</summary>
public sealed class SourceTooLargeException(long limitBytes, long? sizeBytes)
    : Exception(sizeBytes is { } size
        ? $"The source is {size:N0} bytes, more than the {limitBytes:N0}-byte limit."
        : $"The source is larger than the {limitBytes:N0}-byte limit.")
{
    /// <summary>The error code the API answers with.</summary>
    public const string Code = "source_too_large";

    public long LimitBytes { get; } = limitBytes;

    /// <summary>The size the origin declared, when it declared one.</summary>
    public long? SizeBytes { get; } = sizeBytes;
}
