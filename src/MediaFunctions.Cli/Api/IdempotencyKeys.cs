namespace MediaFunctions.Cli.Api;

/// <summary>
/// One invocation's <c>Idempotency-Key</c>s: a new GUID per run, and a key of its own per kind of POST the run makes
/// (the upload session, the job), since the server refuses one key reused with a different body.
/// A retry of the same POST sends the same key, so the server answers it with what the first attempt started.
/// </summary>
public sealed class IdempotencyKeys
{
    private readonly string invocation = Guid.NewGuid().ToString("D");

    /// <summary>The key of the run's main submit (the job, the batch, the production).</summary>
    public string Submit => invocation;

    /// <summary>The key of one other POST of this run, e.g. <c>upload</c>.</summary>
    public string For(string purpose) => $"{invocation}-{purpose}";
}
