namespace MediaFunctions.Core.Productions.Inputs;

/// <summary>
/// An input of a production could not be read or is not what it must be; the message says which and why, for its status.
/// It carries no inner exception: a run's error message is its innermost failure's, and this one says it whole.
/// </summary>
public sealed class ProductionInputException(string message) : Exception(message);
