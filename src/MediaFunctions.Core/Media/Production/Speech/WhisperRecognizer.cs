using Whisper.net;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// Recognition in any of Whisper's languages with a local whisper.cpp ggml model (Whisper.net): the audio is read and
/// recognised in 30 s windows, the keywords go in as the initial prompt so the model favours their spelling, and words
/// are built from the timed tokens. Fillers are the filler words Whisper writes (it mostly leaves them out); it reports no coughs.
/// </summary>
/// <remarks>NOTE: each window is recognised without the one before it, so a word cut by a window's edge may be misheard.</remarks>
public sealed class WhisperRecognizer : ISpeechRecognizer, IDisposable
{
    /// <summary>Whisper's own context: it recognises 30 s at a time.</summary>
    private const int WindowSamples = PcmWavReader.SampleRate * 30;

    private readonly WhisperFactory _factory;

    /// <summary>Loads the model at <paramref name="modelPath"/>.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="Exception">whisper.cpp could not load the file as a model.</exception>
    public WhisperRecognizer(string modelPath)
    {
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"No Whisper model at {modelPath}.", modelPath);
        }

        _factory = WhisperFactory.FromPath(modelPath);
        // whisper.cpp reads the model when the first processor is built: a file that is no model fails here, at start, not mid-production.
        using var probe = _factory.CreateBuilder().Build();
    }

    public string Engine => "whisper";

    /// <summary>Whether the model can recognise <paramref name="language"/> (a code such as "de").</summary>
    public static bool Supports(string language) =>
        WhisperFactory.GetSupportedLanguages().Contains(Primary(language), StringComparer.OrdinalIgnoreCase);

    public async Task<Transcript> RecognizeAsync(string wavPath, SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var builder = _factory.CreateBuilder().WithLanguage(Primary(request.LanguageCode)).WithTokenTimestamps();
        if (request.Keywords.Count > 0)
        {
            builder = builder.WithPrompt(string.Join(", ", request.Keywords));
        }

        await using var processor = builder.Build();
        using var reader = PcmWavReader.Open(wavPath);
        var window = new float[WindowSamples];
        var words = new List<TranscriptWord>();
        var offset = TimeSpan.Zero;
        int read;
        while ((read = await reader.ReadAsync(window, cancellationToken)) > 0)
        {
            await foreach (var segment in processor.ProcessAsync(window.AsMemory(0, read), cancellationToken))
            {
                words.AddRange(Words(segment, offset));
            }

            offset += TimeSpan.FromSeconds((double)read / PcmWavReader.SampleRate);
        }

        var fillers = words.Where(word => FillerWords.IsFiller(KeywordMatcher.Normalize(word.Text)))
            .Select(word => new SpeechSpan(KeywordMatcher.Normalize(word.Text), word.Start, word.End)).ToList();
        var text = words.Where(word => !FillerWords.IsFiller(KeywordMatcher.Normalize(word.Text))).ToList();
        return new Transcript(request.LanguageCode, Engine, text, KeywordMatcher.Merge(KeywordMatcher.FindIn(text, request.Keywords)), fillers, [], []);
    }

    /// <summary>The words of a segment: a token that starts with a space starts a word; special tokens (<c>[_BEG_]</c>, <c>&lt;|en|&gt;</c>) are skipped.</summary>
    private static IEnumerable<TranscriptWord> Words(SegmentData segment, TimeSpan offset)
    {
        TranscriptWord? word = null;
        foreach (var token in segment.Tokens ?? [])
        {
            var text = token.Text ?? string.Empty;
            if (text.Length == 0 || text.StartsWith("[_", StringComparison.Ordinal) || text.StartsWith("<|", StringComparison.Ordinal))
            {
                continue;
            }

            // Token times are in whisper's 10 ms steps.
            var start = offset + TimeSpan.FromMilliseconds(token.Start * 10);
            var end = offset + TimeSpan.FromMilliseconds(token.End * 10);
            if (word is null || text.StartsWith(' '))
            {
                if (word is not null && word.Text.Length > 0)
                {
                    yield return word;
                }

                word = new TranscriptWord(text.Trim(), start, end, token.Probability);
            }
            else
            {
                word = word with { Text = word.Text + text, End = end, Confidence = Math.Min(word.Confidence, token.Probability) };
            }
        }

        if (word is not null && word.Text.Length > 0)
        {
            yield return word;
        }
    }

    /// <summary>The primary language subtag: "en-us" → "en".</summary>
    private static string Primary(string language) => language.Split('-', '_')[0];

    public void Dispose() => _factory.Dispose();
}
