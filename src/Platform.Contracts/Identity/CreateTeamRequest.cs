namespace Platform.Contracts.Identity;

/// <summary>A new team (platform admins). With single sign-on, name it like the provider's group whose members belong to it.</summary>
public sealed record CreateTeamRequest(string Name, string DisplayName);
