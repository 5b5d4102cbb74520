using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>
/// US English recognition by Debian's <c>pocketsphinx_continuous</c>: one decode for the words and their times, one
/// keyword-spotting pass for the requested keywords (merged with the keywords among the words), and the hesitations
/// ("um", "uh") told apart from the words, and short wordless sounds (coughs) found where the decoder heard no word.
/// </summary>
public sealed class PocketsphinxRecognizer(IOptions<SpeechOptions> options) : ISpeechRecognizer
{
    private const int StandardErrorLines = 20;

    /// <summary>The model's filler for vocal sounds that are no word (+SPN+): how it hears an "um" or "uh" said alone.</summary>
    private const string SpeechNoise = "[SPEECH]";

    private const string UtteranceStart = "<s>";
    private const string UtteranceEnd = "</s>";

    /// <summary>The longest a wordless utterance may be to count as a cough rather than music or a long noise.</summary>
    private static readonly TimeSpan MaxSound = TimeSpan.FromSeconds(1.5);
    private readonly SpeechOptions _options = options.Value;

    public string Engine => "pocketsphinx";

    /// <summary>Whether Debian's US English model is installed where <see cref="SpeechOptions.PocketsphinxModelFolder"/> says.</summary>
    public bool IsInstalled => Directory.Exists(AcousticModel) && File.Exists(LanguageModel) && File.Exists(DictionaryPath);

    private string AcousticModel => Path.Combine(_options.PocketsphinxModelFolder, "en-us");

    private string LanguageModel => Path.Combine(_options.PocketsphinxModelFolder, "en-us.lm.bin");

    private string DictionaryPath => Path.Combine(_options.PocketsphinxModelFolder, "cmudict-en-us.dict");

    public async Task<Transcript> RecognizeAsync(string wavPath, SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decoded = await RunAsync([.. ModelArguments(wavPath), "-lm", LanguageModel], cancellationToken);
        var keywordWords = request.Keywords.SelectMany(KeywordMatcher.Words);
        var dictionary = await PocketsphinxDictionary.LoadAsync(
            DictionaryPath, decoded.Select(line => PocketsphinxDictionary.BaseWord(line.Token)).Concat(keywordWords), cancellationToken);

        var spottable = request.Keywords.Where(keyword => KeywordMatcher.Words(keyword) is { Length: > 0 } words && words.All(dictionary.Contains)).ToList();
        var unspottable = request.Keywords.Except(spottable).ToList();
        var spotted = spottable.Count > 0 ? await SpotAsync(wavPath, spottable, dictionary, cancellationToken) : [];

        var (words, fillers) = Split(decoded.Where(line => line.IsWord || line.Token == SpeechNoise).ToList(), dictionary);
        return new Transcript(
            "en-us", Engine, words, KeywordMatcher.Merge(spotted.Concat(KeywordMatcher.FindIn(words, spottable))), fillers, Sounds(decoded), unspottable);
    }

    /// <summary>
    /// Short sounds without speech: utterances the decoder's voice detection opened (<c>&lt;s&gt;</c>) but in which it
    /// found no word, only silence or noise. The model's [NOISE] filler is never chosen for a cough, whatever
    /// <c>-fillprob</c>; an empty utterance is how a cough shows, from the utterance's start to its closing silence.
    /// NOTE: precise but partial: about half of the synthetic coughs tried are decoded as a word ("this", "c") instead.
    /// </summary>
    private static List<SpeechSpan> Sounds(IReadOnlyList<PocketsphinxLine> decoded)
    {
        var sounds = new List<SpeechSpan>();
        PocketsphinxLine? opening = null;
        var heardSpeech = false;
        foreach (var line in decoded)
        {
            if (line.Token == UtteranceStart)
            {
                (opening, heardSpeech) = (line, false);
            }
            else if (line.Token == UtteranceEnd && opening is not null)
            {
                if (!heardSpeech && line.Start - opening.Start <= MaxSound)
                {
                    sounds.Add(new SpeechSpan("(cough)", opening.Start, line.Start));
                }

                opening = null;
            }
            else if (line.IsWord || line.Token == SpeechNoise)
            {
                heardSpeech = true;
            }
        }

        return sounds;
    }

    /// <summary>
    /// A keyword's detection threshold: a short phrase needs a strict one or it fires on every similar syllable, a long
    /// one a loose one or it never fires. Tuned on espeak-ng speech: "bread" (4 phones) is clean at 1e-5 and fires on
    /// "australia" at 1e-10; "biologist" (10 phones) is first heard at 1e-25, 1e-30 is taken for safety.
    /// </summary>
    internal static double Threshold(int phones) => Math.Pow(10, -Math.Clamp(5 + (5 * (phones - 5)), 5, 40));

    private async Task<IReadOnlyList<KeywordHit>> SpotAsync(
        string wavPath, IReadOnlyList<string> keywords, PocketsphinxDictionary dictionary, CancellationToken cancellationToken)
    {
        var keywordFile = Path.Combine(Path.GetTempPath(), "mf-kws-" + Guid.NewGuid().ToString("N") + ".txt");
        try
        {
            var byPhrase = keywords.ToDictionary(keyword => string.Join(' ', KeywordMatcher.Words(keyword)), keyword => keyword);
            await File.WriteAllLinesAsync(
                keywordFile,
                byPhrase.Keys.Select(phrase => string.Create(
                    CultureInfo.InvariantCulture, $"{phrase} /{Threshold(phrase.Split(' ').Sum(word => dictionary.Phones(word).Count)):0e0}/")),
                cancellationToken);
            var lines = await RunAsync([.. ModelArguments(wavPath), "-kws", keywordFile], cancellationToken);
            return [.. lines.Where(line => byPhrase.ContainsKey(line.Token)).Select(line => new KeywordHit(byPhrase[line.Token], line.Start, line.End))];
        }
        finally
        {
            File.Delete(keywordFile);
        }
    }

    /// <summary>
    /// The decoded words without the hesitations: a filler word ("uh", "ah"), or a short sound standing alone between
    /// pauses that is either the model's speech noise or a word of only open vowels and hums, the way pocketsphinx hears
    /// an "um" or "uh" said alone ("[SPEECH]", "on", "a").
    /// </summary>
    private static (IReadOnlyList<TranscriptWord> Words, IReadOnlyList<SpeechSpan> Fillers) Split(
        IReadOnlyList<PocketsphinxLine> lines, PocketsphinxDictionary dictionary)
    {
        var words = new List<TranscriptWord>();
        var fillers = new List<SpeechSpan>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var text = PocketsphinxDictionary.BaseWord(line.Token);
            var alone = (i == 0 || line.Start - lines[i - 1].End >= FillerWords.IsolatingPause)
                && (i == lines.Count - 1 || lines[i + 1].Start - line.End >= FillerWords.IsolatingPause);
            var hesitation = alone && line.End - line.Start <= FillerWords.MaxHesitation
                && (line.Token == SpeechNoise || FillerWords.SoundsLikeHesitation(dictionary.Phones(line.Token)));
            if (FillerWords.IsFiller(text) || hesitation)
            {
                fillers.Add(new SpeechSpan(line.IsWord ? text : "(hesitation)", line.Start, line.End));
            }
            else if (line.IsWord)
            {
                words.Add(new TranscriptWord(text, line.Start, line.End, line.Confidence));
            }
        }

        return (words, fillers);
    }

    private IEnumerable<string> ModelArguments(string wavPath) =>
        ["-infile", wavPath, "-time", "yes", "-hmm", AcousticModel, "-dict", DictionaryPath];

    private async Task<IReadOnlyList<PocketsphinxLine>> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var lines = new List<PocketsphinxLine>();
        var errors = new Queue<string>();
        using var timeout = new CancellationTokenSource(_options.Timeout);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        CommandResult result;
        try
        {
            result = await Cli.Wrap(_options.PocketsphinxPath)
                .WithArguments(arguments)
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
                {
                    if (PocketsphinxLine.TryParse(line) is { } timed)
                    {
                        lines.Add(timed);
                    }
                }, Encoding.UTF8))
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
                {
                    errors.Enqueue(line);
                    if (errors.Count > StandardErrorLines)
                    {
                        errors.Dequeue();
                    }
                }, Encoding.UTF8))
                .ExecuteAsync(run.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw SpeechRecognitionException.TimedOut(Engine, _options.Timeout);
        }

        return result.ExitCode == 0 ? lines : throw SpeechRecognitionException.Failed(Engine, result.ExitCode, [.. errors]);
    }
}
