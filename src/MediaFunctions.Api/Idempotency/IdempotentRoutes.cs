using MediaFunctions.Api.Endpoints;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Idempotency;

/// <summary>
/// The POST routes that create work, in every dialect: the ones that take an <c>Idempotency-Key</c>. One list, read by the
/// self-host's middleware and the Functions app's pipeline alike, so both hosts cover the same routes.
/// </summary>
public static class IdempotentRoutes
{
    /// <summary>The paths, matched whole and without regard to case.</summary>
    public static readonly IReadOnlyList<string> Paths =
    [
        JobEndpoints.Route + "/extract-audio",
        JobEndpoints.Route,
        BatchEndpoints.Route,
        UploadEndpoints.Route,
        ApyHubEndpoints.SubmitRoute,
        "/convert",
        "/batch-convert",
        VideoDownloadEndpoints.Route,
        AuphonicProductionEndpoints.ListRoute,
        AuphonicSimpleEndpoints.Route,
    ];

    /// <summary>True for a POST to one of <see cref="Paths"/>.</summary>
    public static bool Cover(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && request.Path.Value is { } path
        && Paths.Any(covered => string.Equals(covered, path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
}
