namespace Platform.Contracts.Identity;

/// <summary>
/// A person as the platform team sees them: how they sign in ("password" for a local account, "sso" for the
/// organisation's provider, which also decides their teams and admin role), when they last signed in, and since when
/// the account is deactivated (no sign-in, no token accepted).
/// </summary>
public sealed record UserSummaryDto(
    string UserName,
    string DisplayName,
    string? Email,
    bool IsAdmin,
    IReadOnlyList<string> Teams,
    string SignsInWith,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? DeactivatedAt = null);
