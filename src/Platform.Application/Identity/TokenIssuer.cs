using Platform.Data;
using Platform.Domain;
using Platform.Domain.Identity;

namespace Platform.Application.Identity;

/// <summary>Issues API tokens. The secret is returned once and never stored.</summary>
public sealed class TokenIssuer(PlatformDbContext db, TimeProvider clock)
{
    public const string Prefix = "plat";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(12);
    public static readonly TimeSpan MaxPersonalLifetime = TimeSpan.FromDays(366);

    public (ApiToken Token, string Secret) Issue(Guid userId, string name, TokenKind kind, IReadOnlyList<string> scopes, TimeSpan lifetime)
    {
        if (scopes.Count == 0 || scopes.Any(s => !TokenScopes.IsKnown(s)))
            throw new DomainException($"Scopes must be a non-empty subset of: {string.Join(", ", TokenScopes.All)}.", "scopes");
        if (lifetime <= TimeSpan.Zero || lifetime > MaxPersonalLifetime)
            throw new DomainException("A token must expire within 1 to 366 days.", "expiresInDays");
        var secret = Secrets.Create(Prefix);
        var now = clock.GetUtcNow();
        var token = new ApiToken
        {
            UserId = userId,
            Name = name,
            Kind = kind,
            Prefix = secret[..12],
            SecretHash = Secrets.Hash(secret),
            Scopes = scopes.Distinct(StringComparer.Ordinal).ToList(),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.ApiTokens.Add(token);
        return (token, secret);
    }
}
