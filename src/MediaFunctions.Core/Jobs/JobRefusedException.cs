namespace MediaFunctions.Core.Jobs;

/// <summary>
/// A job refused while it was prepared inside an orchestration (a batch item whose turn came). A failure
/// crosses the orchestration boundary as a type and a message only, so the message carries the refusal's
/// code in front: <c>code: reason</c>.
/// </summary>
public sealed class JobRefusedException(string code, string reason) : Exception($"{code}: {reason}")
{
    /// <summary>The refusal a failure message of this type says.</summary>
    public static JobError ErrorOf(string message)
    {
        var colon = message.IndexOf(": ", StringComparison.Ordinal);
        return colon > 0 && message[..colon].All(c => char.IsAsciiLetterLower(c) || c == '_')
            ? new JobError(message[..colon], message[(colon + 2)..])
            : new JobError("job_refused", message);
    }
}
