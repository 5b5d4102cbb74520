using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Jobs;

/// <summary>The input of a job cannot be used (empty, not media, no audio, too short, a bad field); the request is refused.</summary>
public class InvalidJobInputException(string code, string message, Exception? innerException = null) : Exception(message, innerException)
{
    /// <summary>The code of <see cref="InvalidFields"/>.</summary>
    public const string InvalidFieldCode = "invalid_field";

    public string Code { get; } = code;

    /// <summary>Request fields that are missing, malformed or out of range; the message names each one.</summary>
    public static InvalidJobInputException InvalidFields(IReadOnlyList<ValidationError> errors) =>
        new(InvalidFieldCode, string.Join(" ", errors.Select(error => error.Message)));
}
