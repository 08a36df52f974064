namespace Platform.Application.Identity;

/// <summary>Who is calling: a person (through a session or personal token), a node, or the platform itself.</summary>
public sealed record Actor(
    Guid? UserId,
    string Name,
    bool IsAdmin,
    IReadOnlySet<Guid> TeamIds,
    IReadOnlyList<string> Scopes,
    string AuditName)
{
    public static Actor System(string component) =>
        new(null, component, true, new HashSet<Guid>(), ["read", "write"], $"system:{component}");

    /// <summary>Developers act on what their teams own; admins on everything.</summary>
    public bool CanActFor(Guid teamId) => IsAdmin || TeamIds.Contains(teamId);

    public bool HasScope(string scope) => Scopes.Contains(scope, StringComparer.Ordinal);
}
