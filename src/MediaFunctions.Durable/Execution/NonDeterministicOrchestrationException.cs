namespace MediaFunctions.Durable.Execution;

/// <summary>The orchestrator took a different action on replay than its history records.</summary>
public sealed class NonDeterministicOrchestrationException(string message) : Exception(message)
{
    /// <summary>The error type reported in the instance's failure details.</summary>
    public const string ErrorType = "NonDeterministic";
}
