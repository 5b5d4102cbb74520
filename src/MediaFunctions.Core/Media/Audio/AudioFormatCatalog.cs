using System.Diagnostics.CodeAnalysis;

namespace MediaFunctions.Core.Media.Audio;

/// <summary>The settings of every <see cref="AudioFormat"/>, and their names as users write them.</summary>
public static class AudioFormatCatalog
{
    private static readonly Dictionary<AudioFormat, AudioFormatProfile> Profiles = new[]
    {
        new AudioFormatProfile
        {
            // VBR quality 2 (~190 kbit/s): transparent for most material, smaller than CBR 192k on speech.
            Format = AudioFormat.Mp3, Name = "mp3", Muxer = "mp3", Extension = "mp3", MimeType = "audio/mpeg", Codec = "mp3",
            EncoderArguments = ["-c:a", "libmp3lame", "-q:a", "2"], HasBitrate = true, CopyableCodecs = ["mp3"], MaxChannels = 2, MaxSampleRate = 48000,
        },
        new AudioFormatProfile
        {
            Format = AudioFormat.Wav, Name = "wav", Muxer = "wav", Extension = "wav", MimeType = "audio/wav", Codec = "pcm_s16le",
            EncoderArguments = ["-c:a", "pcm_s16le"], CopyableCodecs = ["pcm_s16le"], MaxChannels = 8,
        },
        new AudioFormatProfile
        {
            // Raw AAC in ADTS frames: what an .aac file is. ADTS cannot signal the encoder's 1024 priming
            // samples, which play as leading silence: 23 ms at 44.1 kHz, 128 ms at 8 kHz, hence the minimum rate.
            Format = AudioFormat.Aac, Name = "aac", Muxer = "adts", Extension = "aac", MimeType = "audio/aac", Codec = "aac",
            EncoderArguments = ["-c:a", "aac", "-b:a", "192k"], HasBitrate = true, CopyableCodecs = ["aac"], MaxChannels = 8, MinSampleRate = 44100,
        },
        new AudioFormatProfile
        {
            // Ogg means Vorbis to players and users; Opus or FLAC in Ogg are re-encoded so the file is what it says.
            Format = AudioFormat.Ogg, Name = "ogg", Muxer = "ogg", Extension = "ogg", MimeType = "audio/ogg", Codec = "vorbis",
            EncoderArguments = ["-c:a", "libvorbis", "-q:a", "5"], HasBitrate = true, CopyableCodecs = ["vorbis"], MaxChannels = 8,
        },
        new AudioFormatProfile
        {
            Format = AudioFormat.Flac, Name = "flac", Muxer = "flac", Extension = "flac", MimeType = "audio/flac", Codec = "flac",
            EncoderArguments = ["-c:a", "flac"], CopyableCodecs = ["flac"], MaxChannels = 8,
        },
        new AudioFormatProfile
        {
            // wmav2 drops the last partial frame: up to 56 ms below 44.1 kHz, under 30 ms from it up.
            Format = AudioFormat.Wma, Name = "wma", Muxer = "asf", Extension = "wma", MimeType = "audio/x-ms-wma", Codec = "wmav2",
            EncoderArguments = ["-c:a", "wmav2", "-b:a", "128k"], HasBitrate = true, CopyableCodecs = ["wmav2"], MaxChannels = 2, MinSampleRate = 44100, MaxSampleRate = 48000,
        },
        new AudioFormatProfile
        {
            Format = AudioFormat.Ac3, Name = "ac3", Muxer = "ac3", Extension = "ac3", MimeType = "audio/ac3", Codec = "ac3",
            EncoderArguments = ["-c:a", "ac3", "-b:a", "192k"], HasBitrate = true, CopyableCodecs = ["ac3"], MaxChannels = 6, MaxSampleRate = 48000,
        },
        new AudioFormatProfile
        {
            // AMR-NB 12.2 kbit/s, 8 kHz mono: encoded by AmrNbEncoder (Debian's ffmpeg has no AMR-NB encoder).
            Format = AudioFormat.Amr, Name = "amr", Muxer = "amr", Extension = "amr", MimeType = "audio/amr", Codec = "amr_nb",
            EncoderArguments = [], CopyableCodecs = ["amr_nb"], MaxChannels = 1, SampleRate = AmrNbEncoder.SampleRate,
        },
    }.ToDictionary(profile => profile.Format);

    // NOTE: MaxSampleRate is stated for every encoder that has one, though only wmav2 fails without it
    // (libmp3lame and ac3 declare their rates and ffmpeg resamples to them on its own).

    /// <summary>Every format, in the order users see them listed.</summary>
    public static IReadOnlyList<AudioFormatProfile> All { get; } = [.. Profiles.Values];

    public static AudioFormatProfile Get(AudioFormat format) =>
        Profiles.TryGetValue(format, out var profile)
            ? profile
            : throw new ArgumentOutOfRangeException(nameof(format), format, "Not an audio format.");

    /// <summary>Finds a format by its name (<c>mp3</c>, <c>WAV</c>, <c>.flac</c>), ignoring case and a leading dot.</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out AudioFormat format)
    {
        var wanted = name?.Trim().TrimStart('.');
        var match = All.FirstOrDefault(profile => string.Equals(profile.Name, wanted, StringComparison.OrdinalIgnoreCase));
        format = match?.Format ?? default;
        return match is not null;
    }

    /// <summary>The accepted names, for error messages: <c>mp3, wav, aac, ogg, flac, wma, ac3, amr</c>.</summary>
    public static string Names => string.Join(", ", All.Select(profile => profile.Name));
}
