using MediaFunctions.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace MediaFunctions.Api.OpenApi;

/// <summary>
/// Declares the API-key forms as security schemes and marks every operation behind the API-key
/// policy as needing one of them.
/// </summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private static readonly IReadOnlyList<(string Id, OpenApiSecurityScheme Scheme)> Schemes =
    [
        ("bearer", new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "Authorization: Bearer KEY" }),
        ("basic", new OpenApiSecurityScheme { Type = SecuritySchemeType.Http, Scheme = "basic", Description = "Basic auth; the password is the key, the user name is ignored." }),
        ("apyToken", new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyCredential.ApyTokenHeader, Description = "apy-token: KEY" }),
        ("apiKeyHeader", new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyCredential.ApiKeyHeader, Description = "X-API-Key: KEY" }),
        ("bearerTokenQuery", new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = ApiKeyCredential.QueryParameter, Description = "?bearer_token=KEY" }),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (id, scheme) in Schemes)
        {
            document.Components.SecuritySchemes[id] = scheme;
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var needsKey = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
        if (needsKey)
        {
            // Any one of the schemes is enough: one requirement per scheme.
            operation.Security = [.. Schemes.Select(s => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(s.Id, context.Document)] = [],
            })];
        }

        return Task.CompletedTask;
    }
}
