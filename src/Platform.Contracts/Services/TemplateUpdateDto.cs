namespace Platform.Contracts.Services;

/// <summary>
/// Whether a newer vetted version of the service's template exists, and what applying it would change: per file,
/// the unified diff between the service's template version and the newer one, both rendered with the service's
/// parameters. <see cref="Problems"/> lists what keeps the update from being applied (e.g. a new required parameter).
/// </summary>
public sealed record TemplateUpdateDto(
    string? Template,
    string? CurrentVersion,
    string? AvailableVersion,
    bool UpdateAvailable,
    IReadOnlyList<TemplateFileChangeDto> Files,
    IReadOnlyList<string> Problems);
