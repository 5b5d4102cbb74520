using System.Text.Json;
using MediaFunctions.Core.Jobs;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MediaFunctions.Api.Jobs;

/// <summary>Writes a job as <c>GET /api/jobs/{id}</c> answers it (<see cref="JobResponse"/>, with the routes' JSON settings), for its webhook.</summary>
public sealed class JobResponseSerializer(IOptions<HttpJsonOptions> options) : IJobViewSerializer
{
    public string Serialize(JobView job, Uri apiBaseUrl) =>
        JsonSerializer.Serialize(JobResponse.From(job, apiBaseUrl), options.Value.SerializerOptions);
}
