using Microsoft.AspNetCore.Http.Metadata;

namespace MediaFunctions.Api.Endpoints;

/// <summary>Endpoint metadata that caps the request body; routing applies it before the handler reads.</summary>
internal sealed record RequestBodyLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
