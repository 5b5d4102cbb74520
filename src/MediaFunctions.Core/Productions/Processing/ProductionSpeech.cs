using MediaFunctions.Core.Media.Production.Speech;
using MediaFunctions.Core.Productions.Runs;

namespace MediaFunctions.Core.Productions.Processing;

/// <summary>
/// A run's speech recognition, the same for one track as for a mix: the recogniser its language calls for, or the warnings
/// that say recognition and the cutters that need it were not applied; then the transcript of the analysis pass's WAV.
/// </summary>
internal static class ProductionSpeech
{
    /// <summary>The recogniser, or null when the run needs none or there is none for its language (then <paramref name="warnings"/> says so).</summary>
    public static async Task<ISpeechRecognizer?> SelectAsync(
        SpeechRecognizers recognizers, ProductionAlgorithms algorithms, List<string> warnings, CancellationToken cancellationToken)
    {
        if (!algorithms.NeedsSpeech)
        {
            return null;
        }

        var (recognizer, notApplied) = await recognizers.SelectAsync(algorithms.Speech?.Language, cancellationToken);
        if (recognizer is null)
        {
            warnings.Add(notApplied!);
            warnings.AddRange(new[] { (algorithms.FillerCutter, "filler_cutter"), (algorithms.CoughCutter, "cough_cutter") }
                .Where(cutter => cutter.Item1)
                .Select(cutter => $"{cutter.Item2} was not applied: it cuts what the speech recogniser finds, and there is none for this language here."));
        }

        return recognizer;
    }

    /// <summary>Recognises <paramref name="speechWav"/> with the run's language and keywords, then deletes it.</summary>
    /// <exception cref="SpeechRecognitionException">The recogniser failed.</exception>
    public static async Task<Transcript> RecognizeAsync(ISpeechRecognizer recognizer, string speechWav, ProductionAlgorithms algorithms, CancellationToken cancellationToken)
    {
        try
        {
            return await recognizer.RecognizeAsync(speechWav, new SpeechRequest(algorithms.Speech?.Language, algorithms.Speech?.Keywords ?? []), cancellationToken);
        }
        finally
        {
            File.Delete(speechWav);
        }
    }
}
