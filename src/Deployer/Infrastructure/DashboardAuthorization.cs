using Hangfire.Dashboard;
using Microsoft.EntityFrameworkCore;
using Platform.Application.Identity;
using Platform.Data;

namespace Platform.Deployer.Infrastructure;

/// <summary>
/// The Hangfire dashboard is for platform admins (a token with the write scope, since the dashboard can
/// re-queue and delete jobs): it accepts an admin's API token as a bearer header, or
/// once as <c>?access_token=</c>, which is then kept in an HTTP-only cookie for the dashboard's own requests.
/// </summary>
public sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    private const string Cookie = "platform_dashboard";

    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : http.Request.Query["access_token"].FirstOrDefault() ?? http.Request.Cookies[Cookie];
        if (string.IsNullOrEmpty(token)) return false;

        var db = http.RequestServices.GetRequiredService<PlatformDbContext>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var hash = Secrets.Hash(token);
        var now = clock.GetUtcNow();
        var allowed = await db.ApiTokens.AsNoTracking()
            .AnyAsync(t => t.SecretHash == hash && t.RevokedAt == null && t.ExpiresAt > now && t.User!.IsAdmin && t.Scopes.Contains("write"));
        if (allowed && http.Request.Query.ContainsKey("access_token"))
            http.Response.Cookies.Append(Cookie, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = context.Options.PrefixPath + "/hangfire" });
        return allowed;
    }
}
