using System.Net;
using MediaFunctions.Api;
using MediaFunctions.Durable;
using MediaFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Host.Tests;

/// <summary>
/// The self-host's app, wired as its Program wires it (the API on the embedded engine), served by Kestrel on a
/// free loopback port inside the test process, so that it runs on a clock the test holds. Several on one storage
/// share what they keep there, as several host processes do.
/// </summary>
public sealed class InProcessSelfHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessSelfHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the app with <paramref name="settings"/> (configuration keys, e.g. <c>Storage:ConnectionString</c>) on <paramref name="timeProvider"/>.</summary>
    /// <param name="addServices">What a test adds to the app's services (an in-memory telemetry exporter), after the app's own.</param>
    public static async Task<InProcessSelfHost> StartAsync(IReadOnlyDictionary<string, string?> settings, TimeProvider timeProvider,
        CancellationToken cancellationToken = default, Action<IServiceCollection>? addServices = null)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(timeProvider);
        builder.Services.AddMediaFunctionsApi(builder.Configuration);
        builder.Services.AddDurableEngine(builder.Configuration);
        addServices?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapMediaFunctionsApi();
        await app.StartAsync(cancellationToken);
        return new InProcessSelfHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
