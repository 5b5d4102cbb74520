using System.ComponentModel.DataAnnotations;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>Where the offline speech recognisers find their models (configuration section <c>Speech</c>).</summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary>
    /// A local whisper.cpp ggml model file (env <c>Speech__WhisperModelPath</c>); when set, Whisper recognises every
    /// language it knows, English included. Unset: English only, by pocketsphinx.
    /// </summary>
    public string? WhisperModelPath { get; set; }

    /// <summary>Debian's pocketsphinx US English model: the folder holding <c>en-us/</c>, <c>en-us.lm.bin</c> and <c>cmudict-en-us.dict</c>.</summary>
    [Required]
    public string PocketsphinxModelFolder { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>The pocketsphinx decoder to run, a path or a name on PATH.</summary>
    [Required]
    public string PocketsphinxPath { get; set; } = "pocketsphinx_continuous";

    /// <summary>How long one recogniser run may take; pocketsphinx runs several times faster than real time.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(2);
}
