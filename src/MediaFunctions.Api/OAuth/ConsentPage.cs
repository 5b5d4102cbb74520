using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.OAuth;

/// <summary>
/// The consent page's HTML: plain, without scripts, readable without styles, every control labelled, an error announced to
/// screen readers (role="alert") and tied to the field it concerns. Served with headers that keep it out of frames (no
/// clickjacking of the Allow button), out of caches and from sending a referrer.
/// </summary>
internal static class ConsentPage
{
    public const string ApiKeyField = "api_key";
    public const string DecisionField = "decision";
    public const string FormTokenField = "form_token";
    public const string Allow = "allow";
    public const string Deny = "deny";

    private const string Style = """
        body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a;background:#f5f5f5}
        main{max-width:34rem;margin:3rem auto;padding:2rem;background:#fff;border:1px solid #ccc;border-radius:.5rem}
        h1{font-size:1.5rem;margin-top:0}label{display:block;font-weight:600;margin-top:1rem}
        input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;border:1px solid #555;border-radius:.25rem}
        .hint{color:#444;font-size:.9rem;margin:.25rem 0 0}.error{color:#a00000;font-weight:600}
        .actions{display:flex;gap:1rem;margin-top:1.5rem}button{font-size:1rem;padding:.5rem 1.5rem;border-radius:.25rem;border:2px solid #1a4d8f;cursor:pointer}
        button[value=allow]{background:#1a4d8f;color:#fff}button[value=deny]{background:#fff;color:#1a4d8f}
        :focus-visible{outline:3px solid #e07b00;outline-offset:2px}code{word-break:break-all}
        """;

    /// <summary>The page asking the user to allow <paramref name="appName"/>, with <paramref name="error"/> shown above the key field when given.</summary>
    /// <param name="redirectUriSent">Whether the request named the redirect URI; the form repeats it only then, so the token request must repeat it only then (RFC 6749 §4.1.3).</param>
    public static IResult Consent(HttpContext context, string appName, string clientId, string redirectUri, bool redirectUriSent, string? state, string formToken,
        string? error, int statusCode)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder();
        body.Append($"<h1>Allow {html.Encode(appName)} to use your MediaFunctions key?</h1>");
        body.Append($"<p><strong>{html.Encode(appName)}</strong> asks for access to MediaFunctions in your name. If you allow it, it can do ");
        body.Append("everything your API key can: create, read, change and delete your productions, presets and jobs. It never sees the key itself; ");
        body.Append("you can end its access by deleting the app or giving your key a new secret.</p>");
        body.Append($"<p>You will then be sent back to <code>{html.Encode(redirectUri)}</code>.</p>");
        body.Append($"<form method=\"post\" action=\"{html.Encode(context.Request.PathBase + OAuthRoutes.AuthorizeRoute)}\">");
        Hidden(body, "client_id", clientId);
        if (redirectUriSent)
        {
            Hidden(body, "redirect_uri", redirectUri);
        }

        Hidden(body, "response_type", "code");
        if (state is not null)
        {
            Hidden(body, "state", state);
        }

        Hidden(body, FormTokenField, formToken);
        body.Append($"<label for=\"{ApiKeyField}\">Your API key</label>");
        var describedBy = error is null ? "api_key_hint" : "api_key_error api_key_hint";
        if (error is not null)
        {
            body.Append($"<p id=\"api_key_error\" class=\"error\" role=\"alert\">{html.Encode(error)}</p>");
        }

        body.Append($"<input id=\"{ApiKeyField}\" name=\"{ApiKeyField}\" type=\"password\" autocomplete=\"off\" spellcheck=\"false\" required aria-describedby=\"{describedBy}\"");
        body.Append(error is null ? ">" : " aria-invalid=\"true\">");
        body.Append("<p id=\"api_key_hint\" class=\"hint\">This service has no accounts: paste the key whose access you grant. It is checked here and not passed on.</p>");
        body.Append("<div class=\"actions\">");
        body.Append($"<button type=\"submit\" name=\"{DecisionField}\" value=\"{Allow}\">Allow</button>");
        body.Append($"<button type=\"submit\" name=\"{DecisionField}\" value=\"{Deny}\" formnovalidate>Deny</button>");
        body.Append("</div></form>");
        return Page(context, $"Authorize {appName}", body.ToString(), statusCode);
    }

    /// <summary>A page saying why the request cannot be answered; the user is not sent anywhere (the redirect URI is not trusted).</summary>
    public static IResult Error(HttpContext context, string message, int statusCode = StatusCodes.Status400BadRequest)
    {
        var body = $"<h1>This authorization request cannot be answered</h1><p role=\"alert\">{HtmlEncoder.Default.Encode(message)}</p>"
            + "<p>Go back to the app you came from and start again, or tell its makers.</p>";
        return Page(context, "Authorization error", body, statusCode);
    }

    private static void Hidden(StringBuilder body, string name, string value) =>
        body.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{HtmlEncoder.Default.Encode(value)}\">");

    private static IResult Page(HttpContext context, string title, string body, int statusCode)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // NOTE: no form-action: Chromium applies it to the redirect after the POST, and that goes to the app's own origin.
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
        var html = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{HtmlEncoder.Default.Encode(title)} – MediaFunctions</title><style>{Style}</style></head><body><main>{body}</main></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
