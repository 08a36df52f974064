namespace Platform.Contracts.Services;

/// <summary>Applies the update to <see cref="Version"/>, the template version whose diff the owner reviewed.</summary>
public sealed record ApplyTemplateUpdateRequest(string Version);
