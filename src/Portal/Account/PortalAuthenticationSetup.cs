using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Portal.Account;

/// <summary>Cookie sign-in backed by the API's session tokens, and the data-protection keys that encrypt the cookie.</summary>
public static class PortalAuthenticationSetup
{
    public static IServiceCollection AddPortalAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PortalCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
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
