using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Jobs;

/// <summary>The link a client is given for an output: its SAS, or for a persistent file the stable link on this service.</summary>
public static class FileLinks
{
    /// <summary>The output's link, absolute, with the request's scheme and host for stable links.</summary>
    public static string For(JobOutput output, HttpRequest request) => For(output, ApiBaseUrl(request));

    /// <summary>The output's link, absolute; a stable link is built on <paramref name="apiBaseUrl"/>.</summary>
    public static string For(JobOutput output, Uri apiBaseUrl) =>
        output.FileToken is { } token
            ? $"{apiBaseUrl.AbsoluteUri.TrimEnd('/')}{FileEndpoints.Route}/{Uri.EscapeDataString(token)}"
            : output.Url ?? throw new InvalidOperationException($"Output {output.BlobName} was published without a link.");

    /// <summary>The scheme, host and path base the request came to: where this API is, as its caller sees it.</summary>
    public static Uri ApiBaseUrl(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}");
}
