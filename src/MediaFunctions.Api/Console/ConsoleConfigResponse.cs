using MediaFunctions.Api.Jobs;
using MediaFunctions.Core.Jobs;

namespace MediaFunctions.Api.Console;

/// <summary>What the console needs to know of its host before it uploads: <c>GET /api/console/config</c>.</summary>
/// <param name="MultipartMaxBytes">The largest file the host takes in one multipart POST; a larger one goes through an upload session.</param>
/// <param name="MaxUploadBytes">The largest file the service takes at all (<c>Jobs:MaxUploadBytes</c>).</param>
public sealed record ConsoleConfigResponse(long MultipartMaxBytes, long MaxUploadBytes)
{
    /// <summary>
    /// The answer for a host whose request bodies are capped at <paramref name="hostBodyCap"/> bytes (null: only by the service's own
    /// cap); the form around the file takes its share of a capped body.
    /// </summary>
    public static ConsoleConfigResponse From(JobOptions options, long? hostBodyCap) =>
        new(Math.Min(options.MaxUploadBytes, hostBodyCap is { } cap ? cap - ExtractAudioSubmission.MaxFormOverheadBytes : long.MaxValue),
            options.MaxUploadBytes);
}
