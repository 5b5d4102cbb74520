using System.Net;
using System.Runtime.ExceptionServices;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Core.Sources.Egress;

/// <summary>
/// The HTTP client for every outbound fetch the service makes on a caller's behalf (media, segments,
/// webhooks, inline storage endpoints): each connection goes through <see cref="GuardedConnector"/>,
/// no proxy from the environment, no automatic decompression (ranges stay byte-exact), and redirects
/// followed here, hop by hop, so each one meets the same rules.
/// </summary>
public sealed class GuardedHttpClient : IDisposable
{
    /// <summary>How many redirects a GET or HEAD follows before it is refused.</summary>
    public const int MaxRedirects = 5;

    private readonly HttpClient _client;

    public GuardedHttpClient(GuardedConnector connector)
    {
        // Callers bound each request with their own token: a media body may stream for hours.
        _client = new HttpClient(connector.CreateHandler(connectTimeout: TimeSpan.FromSeconds(30))) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Sends the request and returns once the response headers have arrived (the caller reads and
    /// disposes the body). GET and HEAD follow up to <see cref="MaxRedirects"/> redirects to http or
    /// https URLs; other methods get a redirect back as it is. <see cref="HttpResponseMessage.RequestMessage"/>
    /// of the answer holds the URL that answered.
    /// </summary>
    /// <exception cref="InvalidJobInputException">
    /// <c>url_not_allowed</c> when a hop leads to an address or scheme the rules refuse; <c>invalid_url</c>
    /// when a host does not resolve, the URL is not http(s), or there are too many redirects.
    /// </exception>
    /// <exception cref="HttpRequestException">The origin could not be reached or broke the connection.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } first || !IsHttp(first))
        {
            throw new InvalidJobInputException("invalid_url", "Only absolute http and https URLs are fetched.");
        }

        var followsRedirects = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        var current = request;
        for (var hop = 0; ; hop++)
        {
            var response = await SendOnceAsync(current, cancellationToken);
            if (!followsRedirects || !IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            response.Dispose();
            if (hop == MaxRedirects)
            {
                throw new InvalidJobInputException("invalid_url", $"The URL redirects more than {MaxRedirects} times.");
            }

            var next = new Uri(current.RequestUri!, location);
            if (!IsHttp(next))
            {
                throw new InvalidJobInputException(UrlSourcePolicy.NotAllowedCode,
                    $"The URL redirects to a '{next.Scheme}' URL; only http and https are followed.");
            }

            current = Redirected(current, next);
        }
    }

    public void Dispose() => _client.Dispose();

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException failure) when (failure.InnerException is InvalidJobInputException refusal)
        {
            // The handler wraps whatever the connect callback throws; the refusal is what the caller acts on.
            ExceptionDispatchInfo.Throw(refusal);
            throw;
        }
    }

    private static HttpRequestMessage Redirected(HttpRequestMessage previous, Uri next)
    {
        var request = new HttpRequestMessage(previous.Method, next) { Version = previous.Version };
        var sameOrigin = Uri.Compare(previous.RequestUri, next, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        foreach (var header in previous.Headers)
        {
            if (sameOrigin || (header.Key != "Authorization" && header.Key != "Cookie"))
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return request;
    }

    private static bool IsHttp(Uri uri) => uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps;

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found
        or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
