using MediaFunctions.Api;
using MediaFunctions.Api.Endpoints;
using MediaFunctions.Functions.Http;
using MediaFunctions.Functions.Tests.Runtime;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>
/// The Functions app's HTTP triggers, as its build generated them (<see cref="GeneratedFunction"/>), against
/// the self-host's route table (<see cref="SelfHostRoute"/>): the same methods on the same templates, one function each.
/// </summary>
public sealed class HttpRouteParityTests
{
    /// <summary>Self-host routes the Functions app does not serve, each with why.</summary>
    private static readonly (string Prefix, string Reason)[] SelfHostOnly =
    [
        (InstanceEndpoints.DurableRoutePrefix.TrimStart('/'),
            "the instance API on the Durable path: in Azure the Durable extension serves it there with the system key; tenants use api/instances"),
        (OrchestratorEndpoints.RoutePrefix.TrimStart('/'),
            "admin start route on the Durable path: in Azure the Durable extension owns runtime/webhooks/durabletask and wants the system key"),
        ("openapi/", "the OpenAPI document is built from the self-host's endpoint metadata; the Functions app has none"),
        (ApiApplicationBuilderExtensions.DocsRoute.TrimStart('/'), "the API page renders that OpenAPI document"),
    ];

    private static IEnumerable<SelfHostRoute> SharedRoutes => SelfHostRoute.All.Where(route =>
        !SelfHostOnly.Any(excluded => route.Template.TrimStart('/').StartsWith(excluded.Prefix, StringComparison.OrdinalIgnoreCase)));

    private static IEnumerable<(GeneratedFunction Function, string Key)> HttpTriggerKeys =>
        GeneratedFunction.WithTrigger("httpTrigger").SelectMany(function =>
            function.Trigger.Methods.Select(method => (function, SelfHostRoute.KeyOf(method, RouteOf(function)))));

    // Functions spells the site's root as an optional parameter that must stay empty; the self-host maps it as "/".
    private static string RouteOf(GeneratedFunction function) => function.Trigger.Route == ConsoleFunctions.RootRoute ? "" : function.Trigger.Route!;

    [Fact]
    public void SelfHostRoutes_Read_IncludeEveryExcludedPrefix()
    {
        // An exclusion that matches nothing would hide a renamed route.
        Assert.All(SelfHostOnly, excluded => Assert.Contains(SelfHostRoute.All,
            route => route.Template.TrimStart('/').StartsWith(excluded.Prefix, StringComparison.OrdinalIgnoreCase)));
        Assert.NotEmpty(SharedRoutes);
    }

    [Fact]
    public void SelfHostRoutes_EachMethodAndTemplate_HaveExactlyOneHttpFunction()
    {
        var triggers = HttpTriggerKeys.ToLookup(trigger => trigger.Key, trigger => trigger.Function.Name);

        var mismatched = SharedRoutes
            .Select(route => (route.Key, Functions: triggers[route.Key].ToList()))
            .Where(route => route.Functions.Count != 1)
            .Select(route => $"{route.Key}: [{string.Join(", ", route.Functions)}]")
            .ToList();

        Assert.True(mismatched.Count == 0, "Self-host routes without exactly one HTTP function:\n" + string.Join("\n", mismatched));
    }

    [Fact]
    public void HttpFunctions_EachMethodAndRoute_MatchASelfHostRoute()
    {
        var routes = SharedRoutes.Select(route => route.Key).ToHashSet(StringComparer.Ordinal);

        var extra = HttpTriggerKeys.Where(trigger => !routes.Contains(trigger.Key)).Select(trigger => $"{trigger.Function.Name}: {trigger.Key}").ToList();

        Assert.True(extra.Count == 0, "HTTP functions the self-host does not map:\n" + string.Join("\n", extra));
    }
}
