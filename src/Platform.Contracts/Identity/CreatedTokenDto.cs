namespace Platform.Contracts.Identity;

/// <summary>The secret is shown once; only its hash is kept.</summary>
public sealed record CreatedTokenDto(TokenDto Token, string Secret);
