using System.Text.RegularExpressions;
using MediaFunctions.Api;
using MediaFunctions.Orchestration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// One (method, route) the self-host maps, as <c>MapMediaFunctionsApi</c> builds its route table; the
/// template is kept as mapped and compared by <see cref="Key"/>, with parameter names and the outer
/// <c>/</c> dropped, so <c>/api/jobs/{job_id}</c> and <c>api/jobs/{jobId}</c> are one route.
/// </summary>
public sealed partial record SelfHostRoute(string Method, string Template)
{
    /// <summary>Every route of the self-host, read in-process from its endpoint data sources (nothing is started or resolved).</summary>
    public static IReadOnlyList<SelfHostRoute> All { get; } = Read();

    /// <summary>The method and the normalised template.</summary>
    public string Key => KeyOf(Method, Template);

    /// <summary>The key of a route: upper-case method, template without leading or trailing <c>/</c> (a group's own route ends in one), parameter names dropped, lower case.</summary>
    public static string KeyOf(string method, string template) =>
        $"{method.ToUpperInvariant()} {Parameter().Replace(template.Trim('/'), "{}").ToLowerInvariant()}";

    private static List<SelfHostRoute> Read()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection([KeyValuePair.Create("Storage:ConnectionString", (string?)"UseDevelopmentStorage=true")]);
        builder.Services.AddMediaFunctionsApi(builder.Configuration);
        // The engine's client: handlers take it as a service, but mapping them resolves nothing.
        builder.Services.AddSingleton<IOrchestrationClient>(_ => throw new NotSupportedException("The route table resolves no services."));
        var app = builder.Build();
        app.MapMediaFunctionsApi();
        return
        [
            .. ((IEndpointRouteBuilder)app).DataSources
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                    .Select(method => new SelfHostRoute(method, endpoint.RoutePattern.RawText ?? ""))),
        ];
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
