namespace Platform.Contracts.Rollouts;

/// <summary>A pause; without <paramref name="DurationSeconds"/> it lasts until someone resumes or promotes.</summary>
public sealed record PauseDto(int? DurationSeconds = null);
