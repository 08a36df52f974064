using Platform.Domain.Teams;

namespace Platform.Domain.Identity;

/// <summary>A person who signs in. Platform admins manage templates, nodes and everything else.</summary>
public sealed class User
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string UserName { get; set; }
    public required string DisplayName { get; set; }
    public string? Email { get; set; }
    /// <summary>ASP.NET Core Identity password hash; null for accounts that only sign in through OpenID Connect.</summary>
    public string? PasswordHash { get; set; }
    public bool IsAdmin { get; set; }
    /// <summary>The OpenID Connect issuer and subject of a person who signs in through the organisation's provider.</summary>
    public string? ExternalIssuer { get; set; }
    public string? ExternalSubject { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set by a platform admin (someone left): no sign-in, no token is accepted, until reactivated.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
    public List<TeamMembership> Memberships { get; set; } = [];
}
