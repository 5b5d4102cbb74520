using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MediaFunctions.Cli.Configuration;

namespace MediaFunctions.Cli.Api;

/// <summary>
/// The HTTP side of every command: sends the key to the API's own origin only (never to storage links),
/// turns error answers into <see cref="MediafnException"/> with the API's <c>error.message</c>, and retries a
/// request cut by the network with the same content and headers: safe for GET and DELETE, and for a POST
/// because each carries an <c>Idempotency-Key</c>, so the server answers a retried submit with the first job.
/// </summary>
public sealed class MediafnClient : IDisposable
{
    /// <summary>How long a request without a streamed body may take before it counts as a network failure.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(100);

    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)];

    /// <summary>The API's answer to a retried submit whose first attempt is still running (409, with <c>Retry-After</c>).</summary>
    public const string InProgressCode = "idempotency_request_in_progress";

    /// <summary>How many times a submit waits for its own first attempt to finish before giving up.</summary>
    public const int MaxInProgressWaits = 60;

    private readonly HttpClient http;

    public MediafnClient(ApiConnection connection)
    {
        Connection = connection;
        http = new HttpClient(new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AllowAutoRedirect = true,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("mediafn", typeof(MediafnClient).Assembly.GetName().Version?.ToString(3)));
    }

    /// <summary>The API's address and key.</summary>
    public ApiConnection Connection { get; }

    /// <summary>GETs an API path and returns its JSON body.</summary>
    public async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, Resolve(path)), RequestTimeout, cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>DELETEs an API path; any 2xx is success.</summary>
    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, Resolve(path)), RequestTimeout, cancellationToken);
    }

    /// <summary>
    /// POSTs what <paramref name="content"/> builds (once per attempt, so a file is streamed again from its start)
    /// with <paramref name="idempotencyKey"/>, retrying network failures with the same key; returns the JSON answer.
    /// </summary>
    /// <param name="expectContinue">Send the body only once the server asks for it, so a refusal (413) comes before a large file is sent.</param>
    public async Task<JsonElement> PostAsync(
        string path, Func<HttpContent?> content, string idempotencyKey, CancellationToken cancellationToken = default, bool expectContinue = false)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Resolve(path)) { Content = content() };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            request.Headers.ExpectContinue = expectContinue;
            return request;
        }, expectContinue ? null : RequestTimeout, cancellationToken);
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>
    /// Sends what <paramref name="build"/> makes, retrying network failures; the answer is returned once its headers
    /// are in (the body is the caller's to read). An error status throws with the API's message.
    /// </summary>
    /// <param name="headersTimeout">How long until the headers must be in; <c>null</c> for no bound (a large upload).</param>
    public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, TimeSpan? headersTimeout, CancellationToken cancellationToken = default)
    {
        var waits = 0;
        for (var attempt = 0; ; attempt++)
        {
            using var request = build();
            if (IsApiOrigin(request.RequestUri!))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Connection.Key);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (headersTimeout is { } bound)
            {
                timeout.CancelAfter(bound);
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (Exception e) when (IsNetworkFailure(e, cancellationToken))
            {
                if (attempt < RetryDelays.Length)
                {
                    await Task.Delay(RetryDelays[attempt], cancellationToken);
                    continue;
                }

                throw MediafnException.Network($"{request.Method} {WithoutQuery(request.RequestUri!)}: {Describe(e)}", e);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            MediafnException error;
            using (response)
            {
                error = await ErrorOfAsync(response, cancellationToken);
                if (error.ErrorCode == InProgressCode && ++waits <= MaxInProgressWaits)
                {
                    // The first attempt of this submit is still running on the server (its answer was lost): ask again once it has one.
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1), cancellationToken);
                    attempt--;
                    continue;
                }
            }

            throw error;
        }
    }

    /// <summary>True when <paramref name="exception"/> means the network, not the caller, ended the request.</summary>
    public static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException { StatusCode: null } => true,
        IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };

    /// <summary>A short reason for a network failure: the innermost message (e.g. "Connection refused").</summary>
    public static string Describe(Exception exception) => exception switch
    {
        OperationCanceledException => "timed out",
        _ => exception.GetBaseException().Message,
    };

    /// <summary>The exception an error answer means, with the API's <c>error.message</c> (or Auphonic's <c>error_message</c>).</summary>
    public static async Task<MediafnException> ErrorOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? code = null;
        string? message = null;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_message", out var auphonic))
            {
                code = root.TryGetProperty("error_code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                message = auphonic.GetString();
                if (root.TryGetProperty("form_errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    message = $"{message} {fields.GetRawText()}";
                }
            }
        }
        catch (JsonException)
        {
            // Not the API's envelope (a proxy's page): the status says enough.
        }

        var status = (int)response.StatusCode;
        return MediafnException.FromAnswer(response.StatusCode, code,
            string.IsNullOrWhiteSpace(message)
                ? $"HTTP {status} {response.ReasonPhrase} from {(response.RequestMessage?.RequestUri is { } uri ? WithoutQuery(uri) : "the API")}"
                : message!);
    }

    /// <summary>A URL fit for a message: without its query, where storage links carry their signature.</summary>
    public static string WithoutQuery(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    /// <summary>An API path (or an absolute link the API gave) as an absolute URI.</summary>
    public Uri Resolve(string pathOrUrl) =>
        Uri.TryCreate(pathOrUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute
            : new Uri(Connection.BaseUrl, Connection.BaseUrl.AbsolutePath.TrimEnd('/') + "/" + pathOrUrl.TrimStart('/'));

    public void Dispose() => http.Dispose();

    private bool IsApiOrigin(Uri uri) =>
        Uri.Compare(uri, Connection.BaseUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0)
        {
            return default;
        }

        try
        {
            return JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw MediafnException.FromAnswer(HttpStatusCode.BadGateway, null,
                $"{(response.RequestMessage?.RequestUri is { } uri ? WithoutQuery(uri) : "The API")} answered {(int)response.StatusCode} with something that is not JSON ({e.Message}).");
        }
    }
}
