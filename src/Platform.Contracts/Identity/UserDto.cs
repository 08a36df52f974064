namespace Platform.Contracts.Identity;

public sealed record UserDto(Guid Id, string UserName, string DisplayName, bool IsAdmin, IReadOnlyList<string> Teams);
