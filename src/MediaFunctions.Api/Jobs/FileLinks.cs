using MediaFunctions.Api.Endpoints;
using MediaFunctions.Core.Jobs;
using Microsoft.AspNetCore.Http;

namespace MediaFunctions.Api.Jobs;

/// <summary>The link a client is given for an output: its SAS, or for a persistent file the stable link on this service.</summary>
public static class FileLinks
{
    /// <summary>The output's link, absolute, with the request's scheme and host for stable links.</summary>
    public static string For(JobOutput output, HttpRequest request) =>
        output.FileToken is { } token
            ? $"{request.Scheme}://{request.Host}{request.PathBase}{FileEndpoints.Route}/{Uri.EscapeDataString(token)}"
            : output.Url ?? throw new InvalidOperationException($"Output {output.BlobName} was published without a link.");
}
