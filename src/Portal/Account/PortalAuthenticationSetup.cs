using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Portal.Account;

/// <summary>
/// Cookie sign-in backed by the API's session tokens (from a local account's password or, when <c>Auth:Oidc</c> is
/// configured, from single sign-on), and the data-protection keys that encrypt the cookie.
/// </summary>
public static class PortalAuthenticationSetup
{
    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PortalCookieEvents>();
        var oidc = configuration.GetSection(PortalOidcOptions.Section).Get<PortalOidcOptions>() ?? new PortalOidcOptions();
        services.AddSingleton(oidc);
        var authentication = services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "platform-portal";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/signin";
                options.LogoutPath = "/account/signout";
                options.AccessDeniedPath = "/signin";
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.EventsType = typeof(PortalCookieEvents);
            });
        if (oidc.IsConfigured) authentication.AddPortalOidc(oidc);
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, TokenExpiryAuthenticationStateProvider>();

        services.AddDataProtection()
            .SetApplicationName("Platform.Portal")
            .PersistKeysToFileSystem(new DirectoryInfo(KeysDirectory(configuration, environment)));
        return services;
    }

    /// <summary><c>Portal:KeysDir</c>, else .local/portal-keys in the repository the portal runs from, else a temp folder.</summary>
    private static string KeysDirectory(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Portal:KeysDir"] is { Length: > 0 } configured) return Path.GetFullPath(configured, environment.ContentRootPath);
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln"))) return Path.Combine(dir.FullName, ".local", "portal-keys");
        }
        return Path.Combine(Path.GetTempPath(), "platform-portal-keys");
    }
}
