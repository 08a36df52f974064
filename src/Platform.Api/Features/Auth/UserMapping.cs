using Platform.Contracts.Identity;
using Platform.Domain.Identity;

namespace Platform.Api.Features.Auth;

public static class UserMapping
{
    public static UserDto ToDto(this User user) =>
        new(user.Id, user.UserName, user.DisplayName, user.IsAdmin,
            user.Memberships.Select(m => m.Team!.Name).Order(StringComparer.Ordinal).ToList());

    public static TokenDto ToDto(this ApiToken token, DateTimeOffset now) =>
        new(token.Id, token.Name, token.Kind.ToString().ToLowerInvariant(), token.Prefix, token.Scopes,
            token.CreatedAt, token.ExpiresAt, token.LastUsedAt, !token.IsActive(now));
}
