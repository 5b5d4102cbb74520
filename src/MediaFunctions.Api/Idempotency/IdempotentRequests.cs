using MediaFunctions.Api.Auth;
using MediaFunctions.Api.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace MediaFunctions.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the routes that create work (<see cref="IdempotentRoutes"/>), one mechanism for both hosts:
/// the first request with a key runs and its successful answer is kept <see cref="Retention"/>; the same key with the
/// same request (method, path, body) gets that answer again with <c>Idempotent-Replayed: true</c> and starts nothing;
/// with another request, 422 <c>idempotency_key_reused</c>; while the first still runs, 409
/// <c>idempotency_request_in_progress</c> with <c>Retry-After: 1</c>. Keys are scoped per API key. Only 2xx answers are
/// kept: after an error the key is free again, so a retry really retries.
/// </summary>
public sealed class IdempotentRequests(IdempotencyStore store, TimeProvider clock)
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;
    public const string InvalidKeyCode = "invalid_idempotency_key";
    public const string KeyReusedCode = "idempotency_key_reused";
    public const string InProgressCode = "idempotency_request_in_progress";

    /// <summary>How long an answer is kept for replay.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a first request may run before its claim on the key is taken as abandoned (its process died): as long as
    /// the slowest create, a large upload, may take.
    /// </summary>
    public static readonly TimeSpan InFlightTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// Runs <paramref name="next"/> (which writes the answer to <paramref name="context"/>) under the request's
    /// <c>Idempotency-Key</c>, or replays, or refuses; without the header, just runs it.
    /// </summary>
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            await next();
            return;
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } key || !key.All(c => c is >= ' ' and <= '~'))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, InvalidKeyCode,
                $"{HeaderName} must be one value of 1 to {MaxKeyLength} printable ASCII characters.");
            return;
        }

        var keyId = context.GetApiKey().Id;
        var cancellationToken = context.RequestAborted;
        var now = clock.GetUtcNow();
        var running = new IdempotencyRecord(null, 0, null, null, null, now, now + Retention);
        if (!await store.TryAddAsync(keyId, key, running, cancellationToken))
        {
            if (await store.GetAsync(keyId, key, cancellationToken) is not var (existing, etag))
            {
                await WriteInProgressAsync(context);
                return;
            }

            var abandoned = existing.ExpiresAt <= now || (existing.IsRunning && now - existing.StartedAt >= InFlightTimeout);
            if (!abandoned)
            {
                await (existing.IsRunning ? WriteInProgressAsync(context) : ReplayAsync(context, existing));
                return;
            }

            if (!await store.TryReplaceAsync(keyId, key, running, etag, cancellationToken))
            {
                await WriteInProgressAsync(context);
                return;
            }
        }

        await RunFirstAsync(context, keyId, key, running, next);
    }

    private async Task RunFirstAsync(HttpContext context, string keyId, string key, IdempotencyRecord running, Func<Task> next)
    {
        var request = context.Request;
        var response = context.Response;
        using var fingerprint = new RequestFingerprint(request.Method, request.Path, request.ContentType);
        var body = new FingerprintingStream(request.Body, fingerprint);
        var originalRequestBody = request.Body;
        var originalResponseBody = response.Body;
        // NOTE: the answers of create routes are small JSON; the file a request uploads is streamed, never this.
        using var answer = new MemoryStream();
        request.Body = body;
        response.Body = answer;
        try
        {
            await next();
        }
        catch
        {
            await store.DeleteAsync(keyId, key, CancellationToken.None);
            throw;
        }
        finally
        {
            request.Body = originalRequestBody;
            response.Body = originalResponseBody;
        }

        var bytes = answer.ToArray();
        if (response.StatusCode is >= 200 and < 300 && bytes.Length <= IdempotencyStore.MaxBodyBytes)
        {
            await body.DrainAsync(context.RequestAborted);
            var done = running with
            {
                RequestHash = fingerprint.Finish(),
                StatusCode = response.StatusCode,
                Body = bytes,
                ContentType = response.ContentType,
                Location = response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
            };
            await store.TryReplaceAsync(keyId, key, done, Azure.ETag.All, CancellationToken.None);
        }
        else
        {
            await store.DeleteAsync(keyId, key, CancellationToken.None);
        }

        await response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        var request = context.Request;
        using var fingerprint = new RequestFingerprint(request.Method, request.Path, request.ContentType);
        await new FingerprintingStream(request.Body, fingerprint).DrainAsync(context.RequestAborted);
        if (fingerprint.Finish() != record.RequestHash)
        {
            await WriteErrorAsync(context, StatusCodes.Status422UnprocessableEntity, KeyReusedCode,
                $"This {HeaderName} was used in the last {Retention.TotalHours:0} hours with another request; use a new key for a new request.");
            return;
        }

        var response = context.Response;
        response.StatusCode = record.StatusCode;
        response.ContentType = record.ContentType;
        if (record.Location is not null)
        {
            response.Headers.Location = record.Location;
        }

        response.Headers[ReplayedHeader] = "true";
        await response.Body.WriteAsync(record.Body ?? [], context.RequestAborted);
    }

    private static Task WriteInProgressAsync(HttpContext context)
    {
        context.Response.Headers[HeaderNames.RetryAfter] = "1";
        return WriteErrorAsync(context, StatusCodes.Status409Conflict, InProgressCode,
            $"A request with this {HeaderName} is still running; try again in 1 s for its answer.");
    }

    private static Task WriteErrorAsync(HttpContext context, int statusCode, string code, string message) =>
        ErrorEnvelopeWriter.WriteAsync(context, statusCode, new ApiError(code, message));
}
