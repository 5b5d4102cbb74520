namespace MediaFunctions.Api.Errors;

/// <summary>What went wrong: a stable machine-readable <see cref="Code"/> and a message for people.</summary>
/// <param name="Code">snake_case, e.g. <c>not_found</c>.</param>
/// <param name="Message">Says what to change; never a stack trace.</param>
public sealed record ApiError(string Code, string Message);
