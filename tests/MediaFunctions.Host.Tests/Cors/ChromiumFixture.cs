using Microsoft.Playwright;

namespace MediaFunctions.Host.Tests.Cors;

/// <summary>Debian's headless Chromium driven by Playwright (never a browser Playwright downloads), and the page's origin.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public PageOrigin Origin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = DebianChromium.ExecutablePath, Headless = true });
        Origin = await PageOrigin.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (Origin is not null)
        {
            await Origin.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
