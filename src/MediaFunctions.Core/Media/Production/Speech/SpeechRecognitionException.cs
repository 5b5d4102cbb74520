namespace MediaFunctions.Core.Media.Production.Speech;

/// <summary>A recogniser failed on a production's audio; carries the tool, its exit code and the end of what it wrote to stderr.</summary>
public sealed class SpeechRecognitionException : Exception
{
    private SpeechRecognitionException(string message, string engine, int? exitCode, IReadOnlyList<string> standardErrorTail)
        : base(message)
    {
        Engine = engine;
        ExitCode = exitCode;
        StandardErrorTail = standardErrorTail;
    }

    public SpeechRecognitionException()
        : this("Speech recognition failed.", string.Empty, null, [])
    {
    }

    public SpeechRecognitionException(string message)
        : this(message, string.Empty, null, [])
    {
    }

    public SpeechRecognitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Engine = string.Empty;
        StandardErrorTail = [];
    }

    public string Engine { get; }

    public int? ExitCode { get; }

    public IReadOnlyList<string> StandardErrorTail { get; }

    internal static SpeechRecognitionException Failed(string engine, int exitCode, IReadOnlyList<string> standardErrorTail) =>
        new($"{engine} exited with code {exitCode}: {string.Join(" | ", standardErrorTail)}", engine, exitCode, standardErrorTail);

    internal static SpeechRecognitionException TimedOut(string engine, TimeSpan timeout) =>
        new($"{engine} ran past its timeout of {timeout}.", engine, null, []);

    internal static SpeechRecognitionException UnreadableAudio(string path, string why) =>
        new($"{path} is not the 16 kHz mono 16-bit PCM WAV speech recognition reads: {why}", string.Empty, null, []);
}
