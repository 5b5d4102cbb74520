using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Media.Production;

/// <summary>
/// Thrown when a production's algorithm settings are out of range. Each error names the field as the request
/// did, so the API can answer 400 with one <c>form_errors</c> entry per field.
/// </summary>
public sealed class ProductionSettingsException(IReadOnlyList<ValidationError> errors)
    : Exception(string.Join(" ", errors.Select(error => error.Message)))
{
    /// <summary>The fields out of range and what to change in each.</summary>
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
