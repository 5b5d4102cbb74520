namespace MediaFunctions.Core.Jobs;

/// <summary>The input of a job cannot be used (empty, not media, no audio, too short); the request is refused.</summary>
public sealed class InvalidJobInputException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    public string Code { get; } = code;
}
