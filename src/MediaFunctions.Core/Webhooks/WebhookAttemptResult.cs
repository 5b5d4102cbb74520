namespace MediaFunctions.Core.Webhooks;

/// <summary>What one POST to a webhook receiver came to.</summary>
/// <param name="Delivered">The receiver answered 2xx.</param>
/// <param name="Status">The receiver's status code; null when it gave none (unreachable, timed out, refused).</param>
/// <param name="Error">Why it was not delivered, for the log; never the receiver's body.</param>
/// <param name="Retryable">False when another attempt cannot fare better: the address is one this service does not connect to.</param>
public sealed record WebhookAttemptResult(bool Delivered, int? Status, string? Error, bool Retryable = true)
{
    public static WebhookAttemptResult Success(int status) => new(true, status, null);
}
