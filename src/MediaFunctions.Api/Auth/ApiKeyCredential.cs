using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace MediaFunctions.Api.Auth;

/// <summary>
/// The API key a request presents, and where it was found. Accepted, in this order:
/// <c>Authorization: Bearer KEY</c>, <c>Authorization: Basic</c> (password = key, any user name),
/// <c>apy-token: KEY</c>, <c>X-API-Key: KEY</c> and the <c>bearer_token</c> query parameter.
/// </summary>
/// <param name="Secret">The key as sent.</param>
/// <param name="Source">Where it came from, for messages: e.g. "Authorization: Bearer header".</param>
public sealed record ApiKeyCredential(string Secret, string Source)
{
    public const string ApyTokenHeader = "apy-token";
    public const string ApiKeyHeader = "X-API-Key";
    public const string QueryParameter = "bearer_token";

    /// <summary>How a caller can send a key, for error messages and the API document.</summary>
    public const string AcceptedForms =
        "'Authorization: Bearer KEY', 'apy-token: KEY', 'X-API-Key: KEY', basic auth with the key as password, or the query parameter 'bearer_token=KEY'";

    /// <summary>
    /// Reads the request's credential. Returns false with a null <paramref name="error"/> when the
    /// request carries none, and false with an error when it carries one that cannot be read.
    /// </summary>
    public static bool TryRead(HttpRequest request, out ApiKeyCredential? credential, out string? error)
    {
        credential = null;
        error = null;
        string? unusedAuthorization = null;
        if (request.Headers.Authorization is { Count: > 0 } authorization)
        {
            var value = authorization.ToString();
            if (HasScheme(value, "Bearer"))
            {
                return TryAccept(value["Bearer".Length..], "Authorization: Bearer header", out credential, out error);
            }

            if (HasScheme(value, "Basic"))
            {
                return TryReadBasic(value["Basic".Length..].Trim(), out credential, out error);
            }

            // Another scheme may belong to a proxy in front of us; the key can still come another way.
            unusedAuthorization = $"The Authorization header uses an unsupported scheme; send the key as {AcceptedForms}.";
        }

        if (TryReadValue(request.Headers[ApyTokenHeader], $"'{ApyTokenHeader}' header", out credential, ref error)
            || TryReadValue(request.Headers[ApiKeyHeader], $"'{ApiKeyHeader}' header", out credential, ref error)
            || TryReadValue(request.Query[QueryParameter], $"'{QueryParameter}' query parameter", out credential, ref error))
        {
            return true;
        }

        error ??= unusedAuthorization;
        return false;
    }

    private static bool TryReadBasic(string parameter, out ApiKeyCredential? credential, out string? error)
    {
        credential = null;
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
        }
        catch (FormatException)
        {
            error = "The Authorization: Basic header is not valid base64 of 'user:KEY'.";
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            error = "The Authorization: Basic header must carry 'user:KEY'; the password is the API key.";
            return false;
        }

        return TryAccept(decoded[(colon + 1)..], "Authorization: Basic header (password)", out credential, out error);
    }

    private static bool TryReadValue(StringValues value, string source, out ApiKeyCredential? credential, ref string? error)
    {
        credential = null;
        if (value.Count == 0)
        {
            return false;
        }

        var accepted = TryAccept(value.ToString(), source, out credential, out var problem);
        error ??= problem;
        return accepted;
    }

    private static bool HasScheme(string authorization, string scheme) =>
        authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
        && (authorization.Length == scheme.Length || authorization[scheme.Length] == ' ');

    private static bool TryAccept(string secret, string source, out ApiKeyCredential? credential, out string? error)
    {
        secret = secret.Trim();
        if (secret.Length == 0)
        {
            credential = null;
            error = $"The {source} is empty; it must carry the API key.";
            return false;
        }

        credential = new ApiKeyCredential(secret, source);
        error = null;
        return true;
    }
}
