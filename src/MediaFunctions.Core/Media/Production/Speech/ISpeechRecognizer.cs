namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>An offline speech recogniser: turns a production's cleaned-up main audio into a <see cref="Transcript"/>.</summary>
public interface ISpeechRecognizer
{
    /// <summary>The engine's name, as the transcript reports it.</summary>
    string Engine { get; }

    /// <summary>
    /// Recognises <paramref name="wavPath"/>, a 16 kHz mono 16-bit PCM WAV file; every time in the result is seconds of that file.
    /// </summary>
    Task<Transcript> RecognizeAsync(string wavPath, SpeechRequest request, CancellationToken cancellationToken = default);
}
