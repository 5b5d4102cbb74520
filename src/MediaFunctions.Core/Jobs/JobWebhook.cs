using MediaFunctions.Core.Validation;

namespace MediaFunctions.Core.Jobs;

/// <summary>Where a job's end is POSTed (<c>webhook_url</c>), and the API's own base URL, on which the payload's stable file links are built.</summary>
/// <param name="Url">An absolute http(s) URL, checked when the job was accepted.</param>
/// <param name="ApiBaseUrl">The scheme, host and path base the job was submitted to.</param>
public sealed record JobWebhook(string Url, string ApiBaseUrl)
{
    /// <summary>The request field's name.</summary>
    public const string Field = "webhook_url";

    /// <summary>The longest URL accepted.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The event of a job that completed.</summary>
    public const string CompletedEvent = "job.completed";

    /// <summary>The event of a job that entered a stage (with <c>progress_webhooks</c>).</summary>
    public const string ProgressEvent = "job.progress";

    /// <summary>The event of a job that failed.</summary>
    public const string FailedEvent = "job.failed";

    /// <summary>The webhook URL, checked for form: absolute, http or https, no user name or password, at most <see cref="MaxUrlLength"/> characters.</summary>
    /// <exception cref="InvalidJobInputException"><c>invalid_field</c> naming <see cref="Field"/>.</exception>
    public static Uri ParseUrl(string value)
    {
        var url = value.Trim();
        string? problem = null;
        if (url.Length > MaxUrlLength)
        {
            problem = $"{Field} is longer than {MaxUrlLength} characters.";
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"{Field} must be an absolute http or https URL, not '{url}'.";
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            problem = $"{Field} must not carry a user name or password; put a token in its path or query, and check the signature.";
        }
        else
        {
            return uri;
        }

        throw InvalidJobInputException.InvalidFields([new ValidationError(Field, problem)]);
    }
}
