using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// Picks the recogniser for a production's language: Whisper for every language it knows when a model is configured,
/// else pocketsphinx for US English; otherwise none, with the reason the user is told why speech recognition was not applied.
/// </summary>
public sealed class SpeechRecognizers(IOptions<SpeechOptions> options, PocketsphinxRecognizer pocketsphinx) : IDisposable
{
    private readonly SpeechOptions _options = options.Value;
    private readonly Lazy<WhisperRecognizer> _whisper = new(() => new WhisperRecognizer(options.Value.WhisperModelPath!));

    /// <summary>The recogniser for <paramref name="language"/> (empty means English), or null and why not.</summary>
    public ISpeechRecognizer? Select(string? language, out string? notAppliedReason)
    {
        var code = new SpeechRequest(language, []).LanguageCode;
        var english = code is "en" or "en-us";
        string? whisperProblem = null;
        if (!string.IsNullOrWhiteSpace(_options.WhisperModelPath))
        {
            if (!File.Exists(_options.WhisperModelPath))
            {
                whisperProblem = $"the Whisper model file '{_options.WhisperModelPath}' (Speech__WhisperModelPath) does not exist";
            }
            else if (WhisperRecognizer.Supports(code))
            {
                notAppliedReason = null;
                return _whisper.Value;
            }
            else
            {
                whisperProblem = $"Whisper does not know the language '{code}'";
            }
        }

        if (english && pocketsphinx.IsInstalled)
        {
            notAppliedReason = null;
            return pocketsphinx;
        }

        notAppliedReason = whisperProblem is null
            ? $"speech_recognition: no recogniser for language '{code}' on this server " +
                $"(pocketsphinx has en-us{(pocketsphinx.IsInstalled ? string.Empty : " but its model is not installed")}; configure Speech__WhisperModelPath for others)"
            : $"speech_recognition: no recogniser for language '{code}' on this server: {whisperProblem}";
        return null;
    }

    public void Dispose()
    {
        if (_whisper.IsValueCreated)
        {
            _whisper.Value.Dispose();
        }
    }
}
