using Microsoft.Playwright;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>Debian's Chromium driven by Playwright (no browser download), with screenshots kept as artifacts.</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private int _shots;

    private Browser(IPlaywright playwright, IBrowser browser, IPage page, string journey)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        Journey = journey;
    }

    public IPage Page { get; }
    public string Journey { get; }

    public static async Task<Browser> LaunchAsync(string journey)
    {
        var executable = Environment.GetEnvironmentVariable("PLATFORM_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(executable)) throw new InvalidOperationException($"Chromium is not installed at {executable}; run scripts/setup.sh --browser.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(30_000);
        return new Browser(playwright, browser, page, journey);
    }

    /// <summary>Saves a full-page screenshot as artifacts/e2e/screenshots/&lt;journey&gt;-NN-&lt;step&gt;.png.</summary>
    public async Task ScreenshotAsync(string step)
    {
        _shots++;
        // A full-page capture of a scrolled page draws the fixed app bar halfway down; start from the top.
        await Page.EvaluateAsync("window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Artifacts.Screenshots, $"{Journey}-{_shots:00}-{step}.png"),
            FullPage = true,
        });
    }

    /// <summary>Signs in on the portal's sign-in page.</summary>
    public async Task SignInAsync(string portalUrl, string user, string password = "platform-demo")
    {
        await Page.GotoAsync($"{portalUrl}/signin");
        await Page.GetByTestId("signin-username").FillAsync(user);
        await Page.GetByTestId("signin-password").FillAsync(password);
        await Page.GetByTestId("signin-submit").ClickAsync();
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Waits until the Blazor circuit is interactive, so clicks are not lost on the prerendered page.</summary>
    public Task WaitUntilInteractiveAsync() =>
        Page.Locator("[data-testid=interactive]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
