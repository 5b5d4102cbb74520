using System.Reflection;
using System.Text.Json;
using MediaFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Functions.Tests.Runtime;

/// <summary>
/// The Functions app in this test process, run as the Functions host runs it in Azure, from what its
/// build generated (<see cref="GeneratedFunction"/>): its services as Program registers them; each
/// orchestration and activity trigger method registered under its function name with the Durable Task
/// SDK's own worker and replay (<see cref="DurableTaskTestHost"/>, the worker's serializer as its data
/// converter); each HTTP trigger served by Kestrel, a request going to the function whose route and
/// method match, with the bound Durable client, its IResult executed on the response.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    private readonly WebApplication _http;
    private readonly DurableTaskTestHost _durable;
    private readonly CancellationTokenSource _stopping;

    private FunctionsApp(WebApplication http, DurableTaskTestHost durable, CancellationTokenSource stopping, Uri baseAddress)
    {
        _http = http;
        _durable = durable;
        _stopping = stopping;
        BaseAddress = baseAddress;
    }

    /// <summary>The address of the HTTP functions, e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>A client of the HTTP functions.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>
    /// Starts the app with <paramref name="settings"/> as its configuration: app settings as Azure gives them,
    /// environment-variable names with <c>__</c> between sections.
    /// </summary>
    public static async Task<FunctionsApp> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key.Replace("__", ":", StringComparison.Ordinal), (string?)setting.Value)));
        builder.Services.AddMediaFunctionsApp(builder.Configuration);
        var http = builder.Build();

        var stopping = new CancellationTokenSource();
        DurableTaskClient? client = null;
        var durable = await FunctionsTestHost.StartAsync(
            registry => RegisterDurableTriggers(registry, http.Services, () => client!, stopping.Token), cancellationToken);
        client = durable.Client;

        var routes = HttpRoutes();
        http.Run(context => DispatchAsync(context, routes, durable.Client));
        await http.StartAsync(cancellationToken);
        return new FunctionsApp(http, durable, stopping, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _http.StopAsync();
        await _durable.DisposeAsync();
        await _http.DisposeAsync();
        _stopping.Dispose();
    }

    private static void RegisterDurableTriggers(DurableTaskRegistry registry, IServiceProvider services, Func<DurableTaskClient> client, CancellationToken stopping)
    {
        foreach (var function in GeneratedFunction.WithTrigger("orchestrationTrigger"))
        {
            var method = function.Method;
            registry.AddOrchestratorFunc<object?, object?>(function.Name, (context, _) => Invoke(services, method, context));
        }

        foreach (var function in GeneratedFunction.WithTrigger("activityTrigger"))
        {
            var (name, method) = (function.Name, function.Method);
            registry.AddActivityFunc<JsonElement, object?>(name, (context, input) =>
                Invoke(services, method, input, client(), new ActivityFunctionContext(name, context.InstanceId, services, stopping)));
        }
    }

    private static Task<object?> Invoke(IServiceProvider services, MethodInfo method, params object?[] arguments) =>
        (Task<object?>)method.Invoke(ActivatorUtilities.CreateInstance(services, method.DeclaringType!), arguments)!;

    private sealed record HttpRoute(GeneratedFunction Function, TemplateMatcher Matcher, IReadOnlyList<string> Methods);

    // As the Functions host orders routes: the most specific template first (literal segments before parameters).
    private static List<HttpRoute> HttpRoutes() =>
    [
        .. GeneratedFunction.WithTrigger("httpTrigger")
            .Select(function => (function, template: TemplateParser.Parse(function.Trigger.Route!)))
            .OrderByDescending(route => RoutePrecedence.ComputeInbound(route.template))
            .Select(route => new HttpRoute(route.function, new TemplateMatcher(route.template, new RouteValueDictionary()), route.function.Trigger.Methods)),
    ];

    private static async Task DispatchAsync(HttpContext context, List<HttpRoute> routes, DurableTaskClient client)
    {
        var values = new RouteValueDictionary();
        var route = routes.FirstOrDefault(route =>
            route.Methods.Contains(context.Request.Method, StringComparer.OrdinalIgnoreCase) && route.Matcher.TryMatch(context.Request.Path, values = []));
        if (route is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Request.RouteValues = values;
        var method = route.Function.Method;
        var arguments = method.GetParameters().Select(object? (parameter) => parameter.ParameterType switch
        {
            var type when type == typeof(HttpRequest) => context.Request,
            var type when type == typeof(DurableTaskClient) => client,
            _ => values[parameter.Name!]?.ToString(),
        }).ToArray();
        var result = await (Task<IResult>)method.Invoke(ActivatorUtilities.CreateInstance(context.RequestServices, method.DeclaringType!), arguments)!;
        await result.ExecuteAsync(context);
    }
}
