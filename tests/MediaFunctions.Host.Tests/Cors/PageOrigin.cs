using System.Net;
using MediaFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MediaFunctions.Host.Tests.Cors;

/// <summary>
/// A second origin on loopback (another port than the host's, so another origin to the browser): serves <c>cors-page.html</c>
/// at <c>/</c>, and at <see cref="CallbackPath"/> the page an OAuth app's redirect URI shows.
/// </summary>
public sealed class PageOrigin : IAsyncDisposable
{
    public const string CallbackPath = "/callback";

    private readonly WebApplication _app;

    private PageOrigin(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>E.g. <c>http://127.0.0.1:5234</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<PageOrigin> StartAsync(CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var page = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Cors", "cors-page.html"), cancellationToken);
        app.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        app.MapGet(CallbackPath, () => Results.Content("<!doctype html><title>Connected</title><p>Back in the app.</p>", "text/html; charset=utf-8"));
        await app.StartAsync(cancellationToken);
        return new PageOrigin(app, new Uri($"http://127.0.0.1:{port}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
