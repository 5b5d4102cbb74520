namespace MediaFunctions.Core.Productions;

/// <summary>
/// A production's <c>status</c> and <c>status_string</c>, with Auphonic's public numbers and words.
/// </summary>
/// <remarks>
/// The reference document gives only 3 Done and 2 Error (the webhook's values). The rest is the list Auphonic serves at
/// <c>https://auphonic.com/api/info/production_status.json</c> ("a dictionary with status codes and names", its Query Data
/// page); that page's answer itself was not available to check, so the numbers below are the ones several independent
/// Auphonic clients quote from it, which agree with each other: 0 File Upload, 1 Waiting, 2 Error, 3 Done, 4 Audio
/// Processing, 5 Audio Encoding, 6 Outgoing File Transfer, 7 Audio Mono Mixdown, 8 Split Audio On Chapter Marks,
/// 9 Incomplete, 10 Production Not Started Yet, 11 Production Outdated, 12 Incoming File Transfer, 13 Stopping the
/// Production, 14 Speech Recognition; 15 Production Changed is quoted by one of them only.
/// </remarks>
public static class ProductionStatus
{
    public const int FileUpload = 0;
    public const int Waiting = 1;
    public const int Error = 2;
    public const int Done = 3;
    public const int AudioProcessing = 4;
    public const int AudioEncoding = 5;
    public const int OutgoingFileTransfer = 6;
    public const int AudioMonoMixdown = 7;
    public const int SplitAudioOnChapterMarks = 8;
    public const int Incomplete = 9;
    public const int NotStarted = 10;
    public const int Outdated = 11;
    public const int IncomingFileTransfer = 12;
    public const int Stopping = 13;
    public const int SpeechRecognition = 14;
    public const int Changed = 15;

    private static readonly string[] Words =
    [
        "File Upload", "Waiting", "Error", "Done", "Audio Processing", "Audio Encoding", "Outgoing File Transfer", "Audio Mono Mixdown",
        "Split Audio On Chapter Marks", "Incomplete", "Production Not Started Yet", "Production Outdated", "Incoming File Transfer",
        "Stopping the Production", "Speech Recognition", "Production Changed",
    ];

    /// <summary>The <c>status_string</c> of <paramref name="status"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not one of Auphonic's numbers.</exception>
    public static string Describe(int status) =>
        status >= 0 && status < Words.Length ? Words[status] : throw new ArgumentOutOfRangeException(nameof(status), status, "Not an Auphonic production status.");

    /// <summary>True for the statuses of a run under way (waiting, transferring, processing, encoding, stopping).</summary>
    public static bool IsRunning(int status) => status is Waiting or AudioProcessing or AudioEncoding or OutgoingFileTransfer or AudioMonoMixdown
        or SplitAudioOnChapterMarks or IncomingFileTransfer or Stopping or SpeechRecognition;

    /// <summary>
    /// The status of a production that is saved and not started: <see cref="NotStarted"/> once it has an input,
    /// <see cref="Incomplete"/> before.
    /// </summary>
    public static int ForSaved(System.Text.Json.Nodes.JsonObject fields) =>
        ProductionJson.ReadText(fields[ProductionFields.InputFile]) is { Length: > 0 } ? NotStarted : Incomplete;
}
