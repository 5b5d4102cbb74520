namespace MediaFunctions.Core.Jobs;

/// <summary>
/// The request is well formed but its media cannot be used as asked (a clip past the end, a stream too
/// long for the key's cap, a service that serves no downloadable media): answered 422, not 400.
/// </summary>
public sealed class UnprocessableMediaException(string code, string message, Exception? innerException = null)
    : InvalidJobInputException(code, message, innerException);
