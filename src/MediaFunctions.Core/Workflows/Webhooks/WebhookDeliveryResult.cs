namespace MediaFunctions.Core.Workflows.Webhooks;

/// <summary>The output of <see cref="WebhookDeliveryOrchestrator"/>: whether the receiver took it, after how many attempts.</summary>
/// <param name="Status">The receiver's last status code, if it answered.</param>
/// <param name="Error">Why the last attempt failed.</param>
public sealed record WebhookDeliveryResult(bool Delivered, int Attempts, int? Status, string? Error);
