namespace Platform.Contracts.Identity;

/// <summary>A session token for the portal or CLI, valid until <paramref name="ExpiresAt"/>.</summary>
public sealed record SignInResponse(string Token, DateTimeOffset ExpiresAt, UserDto User);
