using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// Picks the recogniser for a production's language: Whisper for every language it knows when a model is configured,
/// else pocketsphinx for US English; otherwise none, with the reason the user is told why speech recognition was not applied.
/// </summary>
public sealed class SpeechRecognizers(IOptions<SpeechOptions> options, PocketsphinxRecognizer pocketsphinx) : IDisposable
{
    private readonly SpeechOptions _options = options.Value;
    private readonly WhisperModelFile? _model = string.IsNullOrWhiteSpace(options.Value.WhisperModelPath) ? null : new WhisperModelFile(options.Value.WhisperModelPath);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private WhisperRecognizer? _whisper;

    /// <summary>The recogniser for <paramref name="language"/> (empty means English), or null and why not.</summary>
    /// <param name="language">The production's <c>speech_recognition.language</c>.</param>
    /// <param name="cancellationToken">Stops fetching a Whisper model given as a URL.</param>
    public async Task<(ISpeechRecognizer? Recognizer, string? NotAppliedReason)> SelectAsync(string? language, CancellationToken cancellationToken = default)
    {
        var code = new SpeechRequest(language, []).LanguageCode;
        var english = code is "en" or "en-us";
        string? whisperProblem = null;
        if (_model is not null)
        {
            if (!WhisperRecognizer.Supports(code))
            {
                whisperProblem = $"Whisper does not know the language '{code}'";
            }
            else
            {
                (var whisper, whisperProblem) = await WhisperAsync(cancellationToken);
                if (whisper is not null)
                {
                    return (whisper, null);
                }
            }
        }

        if (english && pocketsphinx.IsInstalled)
        {
            return (pocketsphinx, null);
        }

        return (null, whisperProblem is null
            ? $"speech_recognition: no recogniser for language '{code}' on this server " +
                $"(pocketsphinx has en-us{(pocketsphinx.IsInstalled ? string.Empty : " but its model is not installed")}; configure Speech__WhisperModelPath for others)"
            : $"speech_recognition: no recogniser for language '{code}' on this server: {whisperProblem}");
    }

    /// <summary>The Whisper recogniser, its model fetched and loaded on first use; or why it cannot be had.</summary>
    private async Task<(WhisperRecognizer? Whisper, string? Problem)> WhisperAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_whisper is not null)
            {
                return (_whisper, null);
            }

            string path;
            try
            {
                path = await _model!.LocalPathAsync(cancellationToken);
            }
            catch (HttpRequestException failed)
            {
                return (null, $"the Whisper model at {_options.WhisperModelPath} (Speech__WhisperModelPath) could not be fetched: {failed.Message}");
            }

            if (!File.Exists(path))
            {
                return (null, $"the Whisper model file '{path}' (Speech__WhisperModelPath) does not exist");
            }

            try
            {
                _whisper = new WhisperRecognizer(path);
            }
            catch (Exception unloadable) when (unloadable is not OperationCanceledException)
            {
                return (null, $"the Whisper model '{path}' (Speech__WhisperModelPath) could not be loaded: {unloadable.Message}");
            }

            return (_whisper, null);
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose()
    {
        _whisper?.Dispose();
        _model?.Dispose();
        _loading.Dispose();
    }
}
