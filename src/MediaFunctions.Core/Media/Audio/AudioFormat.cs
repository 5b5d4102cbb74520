namespace MediaFunctions.Core.Media.Audio;

/// <summary>
/// The audio files a job can produce (the eight output formats of ApyHub's Extract Audio API).
/// Values are fixed: they travel in orchestration inputs.
/// </summary>
public enum AudioFormat
{
    Mp3 = 0,
    Wav = 1,
    Aac = 2,
    Ogg = 3,
    Flac = 4,
    Wma = 5,
    Ac3 = 6,
    Amr = 7,
}
