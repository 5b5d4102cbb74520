using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.OAuth;

/// <summary>Thrown when an app registration is refused (see <see cref="OAuthApp.Validate"/>); each error names its field, for <c>form_errors</c>.</summary>
public sealed class InvalidOAuthAppException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join(" ", errors.Select(error => error.Message)))
{
    /// <summary>The fields refused and why.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
