using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Webhooks;

/// <summary>
/// POSTs one webhook: the payload (JSON, or a form for a dialect that sends one), signed (<see cref="WebhookSignature"/>) with the key's
/// secret at the moment of sending, through <see cref="GuardedHttpClient"/>, so the receiver is
/// held to the address rules of URL sources on every connection; a redirect is not followed.
/// Never throws for the receiver's sake: every outcome is a <see cref="WebhookAttemptResult"/>. Each attempt is a
/// <c>webhook</c> span with the receiver's URL, its query left out (a receiver's own token often rides there).
/// </summary>
public sealed class WebhookSender(GuardedHttpClient http, WebhookSecrets secrets, IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    /// <summary>What the webhook tells, e.g. <c>job.completed</c>.</summary>
    public const string EventHeader = "X-MediaFunctions-Event";

    /// <summary>The delivery's id, the same on every attempt, so a receiver can drop a repeat.</summary>
    public const string DeliveryHeader = "X-MediaFunctions-Delivery";

    public const string UserAgent = "MediaFunctions-Webhooks/1";

    /// <param name="contentType">The payload's media type; UTF-8 is its charset.</param>
    public async Task<WebhookAttemptResult> SendAsync(string url, string keyId, string eventName, string deliveryId, string payload,
        CancellationToken cancellationToken = default, string contentType = "application/json")
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var secret = await secrets.GetAsync(keyId, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(secret, timeProvider.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation(EventHeader, eventName);
        request.Headers.TryAddWithoutValidation(DeliveryHeader, deliveryId);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var span = MediaFunctionsTelemetry.Source.StartActivity("webhook", ActivityKind.Client);
        span?.SetTag(TelemetryTags.KeyId, keyId);
        span?.SetTag(TelemetryTags.Url, UrlRedaction.WithoutQuery(url));
        var result = await PostAsync(request, cancellationToken);
        span?.SetTag(TelemetryTags.StatusCode, result.Status);
        span?.SetStatus(result.Delivered ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
        return result;
    }

    private async Task<WebhookAttemptResult> PostAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? WebhookAttemptResult.Success(status) : new(false, status, $"The receiver answered {status}.");
        }
        catch (InvalidJobInputException refused)
        {
            return new(false, null, refused.Message, Retryable: refused.Code != Sources.UrlSourcePolicy.NotAllowedCode);
        }
        catch (HttpRequestException unreachable)
        {
            return new(false, null, $"The receiver could not be reached: {unreachable.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, null, $"The receiver did not answer within {options.Value.RequestTimeout.TotalSeconds:0.#} s.");
        }
    }
}
