namespace MediaFunctions.Core.Uploads;

/// <summary>One stream of a completed upload.</summary>
/// <param name="Kind">audio, video, subtitle, data or attachment.</param>
public sealed record UploadMediaStream(int Index, string Kind, string? Codec);
