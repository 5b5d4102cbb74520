using System.Net;
using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.OAuth;

/// <summary>
/// A third-party app registered by a key (its owner) for the OAuth 2.0 authorization code flow: the user of another
/// key grants it access on the consent page, and it exchanges the code for tokens with its client id and secret.
/// </summary>
/// <param name="ClientId">The app's public id (22 characters of <c>[a-zA-Z0-9]</c>).</param>
/// <param name="KeyId">The key that registered the app; only it lists, reads and deletes the app.</param>
/// <param name="Name">What the consent page calls the app.</param>
/// <param name="RedirectUris">Where the consent page may send the user back; a request must name one exactly.</param>
/// <param name="ClientSecret">The secret the app authenticates with, and signs its connected services' webhooks with.</param>
/// <param name="CreatedAt">When the app was registered.</param>
public sealed record OAuthApp(string ClientId, string KeyId, string Name, IReadOnlyList<string> RedirectUris, string ClientSecret, DateTimeOffset CreatedAt)
{
    public const int MaxNameLength = 100;
    public const int MaxRedirectUris = 10;
    public const int MaxRedirectUriLength = 2000;

    /// <summary>The field names a registration's errors use.</summary>
    public const string NameField = "name";
    public const string RedirectUrisField = "redirect_uris";

    /// <summary>True when <paramref name="redirectUri"/> is, character for character, one of the app's (RFC 6749 §3.1.2.3 as the OAuth security BCP reads it).</summary>
    public bool HasRedirectUri(string? redirectUri) => redirectUri is not null && RedirectUris.Contains(redirectUri, StringComparer.Ordinal);

    /// <summary>
    /// What is wrong with a registration: a name of 1–<see cref="MaxNameLength"/> characters without control characters; 1–<see cref="MaxRedirectUris"/>
    /// distinct absolute redirect URIs without a fragment, https, or http to a loopback host (a native app's local listener, RFC 8252 §7.3).
    /// </summary>
    public static IReadOnlyList<ValidationError> Validate(string? name, IReadOnlyList<string>? redirectUris)
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors.Add(new(NameField, $"name must be 1–{MaxNameLength} characters without control characters."));
        }

        if (redirectUris is not { Count: > 0 and <= MaxRedirectUris })
        {
            errors.Add(new(RedirectUrisField, $"Give 1–{MaxRedirectUris} redirect URIs (redirect_uris, or one as redirect_uri)."));
            return errors;
        }

        if (redirectUris.Distinct(StringComparer.Ordinal).Count() != redirectUris.Count)
        {
            errors.Add(new(RedirectUrisField, "redirect_uris lists a URI twice."));
        }

        foreach (var uri in redirectUris)
        {
            if (RedirectUriProblem(uri) is { } problem)
            {
                errors.Add(new(RedirectUrisField, $"'{uri}' {problem}"));
            }
        }

        return errors;
    }

    // Every registered URI is compared exactly; these rules keep the set to ones a code can be sent to safely.
    private static string? RedirectUriProblem(string uri)
    {
        if (uri.Length > MaxRedirectUriLength)
        {
            return $"is longer than {MaxRedirectUriLength} characters.";
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            return "must be an absolute http or https URL.";
        }

        if (parsed.Fragment.Length > 0 || uri.Contains('#', StringComparison.Ordinal))
        {
            return "must not have a fragment (RFC 6749 §3.1.2).";
        }

        if (parsed.UserInfo.Length > 0)
        {
            return "must not carry a user name or password.";
        }

        return parsed.Scheme == "http" && !IsLoopback(parsed)
            ? "must use https; http is accepted only for localhost, 127.0.0.1 or [::1]."
            : null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    // The secret stays out of logs and exception messages that print the record.
    public override string ToString() => $"{nameof(OAuthApp)} {{ ClientId = {ClientId}, KeyId = {KeyId}, Name = {Name} }}";
}
