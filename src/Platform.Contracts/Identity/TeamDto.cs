namespace Platform.Contracts.Identity;

public sealed record TeamDto(string Name, string DisplayName, IReadOnlyList<string> Members);
