using System.Text.Json;
using MediaFunctions.Core.Batches;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace MediaFunctions.Api.Batches;

/// <summary>Writes a batch as <c>GET /api/batches/{id}</c> answers it (<see cref="BatchResponse"/>, with the routes' JSON settings), for its webhook.</summary>
public sealed class BatchResponseSerializer(IOptions<HttpJsonOptions> options) : IBatchViewSerializer
{
    public string Serialize(BatchView batch, Uri apiBaseUrl) =>
        JsonSerializer.Serialize(BatchResponse.From(batch, apiBaseUrl), options.Value.SerializerOptions);
}
