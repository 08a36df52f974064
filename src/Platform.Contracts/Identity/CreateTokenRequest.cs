namespace Platform.Contracts.Identity;

/// <summary>A personal token for automation. Scopes: "read", "write".</summary>
public sealed record CreateTokenRequest(string Name, IReadOnlyList<string> Scopes, int ExpiresInDays = 90);
