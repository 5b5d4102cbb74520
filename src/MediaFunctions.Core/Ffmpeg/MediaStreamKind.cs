namespace MediaFunctions.Core.Ffmpeg;

/// <summary>What a stream in a media file carries.</summary>
public enum MediaStreamKind
{
    Unknown = 0,
    Audio = 1,
    Video = 2,
    Subtitle = 3,
    Data = 4,
    Attachment = 5,
}
