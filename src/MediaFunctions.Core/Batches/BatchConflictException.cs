namespace MediaFunctions.Core.Batches;

/// <summary>What was asked of a batch does not fit the state it is in (starting it twice, renaming once it started): 409.</summary>
public sealed class BatchConflictException(string code, string message) : Exception(message)
{
    public const string NotPausedCode = "batch_not_paused";

    public string Code { get; } = code;
}
