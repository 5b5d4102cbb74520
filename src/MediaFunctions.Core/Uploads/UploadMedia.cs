namespace MediaFunctions.Core.Uploads;

/// <summary>What ffprobe found in a completed upload.</summary>
/// <param name="Duration">Seconds, when the container says.</param>
/// <param name="Format">ffprobe's format names, comma-separated (e.g. <c>mov,mp4,m4a,3gp,3g2,mj2</c>).</param>
/// <param name="Streams">Each stream: its kind and codec.</param>
public sealed record UploadMedia(double? Duration, string Format, IReadOnlyList<UploadMediaStream> Streams);
