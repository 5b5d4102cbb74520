namespace MediaFunctions.Core.Telemetry;

/// <summary>
/// The attribute names spans and measurements carry. None of them ever holds a secret: a key is named by its id, never
/// by itself, and a URL goes in without its query (<see cref="UrlRedaction"/>), where SAS signatures and tokens live.
/// </summary>
public static class TelemetryTags
{
    public const string JobId = "mediafunctions.job.id";
    public const string KeyId = "mediafunctions.key.id";
    public const string JobKind = "mediafunctions.job.kind";
    public const string Formats = "mediafunctions.job.formats";
    public const string BytesIn = "mediafunctions.bytes_in";
    public const string BytesOut = "mediafunctions.bytes_out";
    public const string Tool = "mediafunctions.tool";
    public const string ExitCode = "process.exit.code";
    public const string Url = "url.full";
    public const string Outcome = "mediafunctions.outcome";
    public const string Attempt = "mediafunctions.webhook.attempt";
    public const string StatusCode = "http.response.status_code";
}
