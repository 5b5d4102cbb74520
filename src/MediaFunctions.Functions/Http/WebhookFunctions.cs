using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace MediaFunctions.Functions.Http;

/// <summary>The webhook routes (<see cref="WebhookEndpoints"/>).</summary>
public sealed class WebhookFunctions(ApiFunctionPipeline pipeline, WebhookSecrets secrets)
{
    [Function("GetWebhookSecret")]
    public Task<IResult> GetWebhookSecretAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/webhooks/secret")] HttpRequest request) =>
        pipeline.RunAsync(request, client: null, ApiKeyAuthenticationDefaults.Policy,
            async (context, cancellationToken) => await WebhookEndpoints.GetSecretAsync(secrets, context, cancellationToken));
}
