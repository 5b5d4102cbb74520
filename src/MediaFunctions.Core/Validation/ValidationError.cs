namespace MediaFunctions.Core.Validation;

/// <summary>One thing wrong with a request: the field (as the user wrote it) and what to change.</summary>
public sealed record ValidationError(string Field, string Message);
