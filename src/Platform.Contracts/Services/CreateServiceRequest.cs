namespace Platform.Contracts.Services;

/// <summary>
/// Create a service. With a template, its source is rendered from the parameters and the first build is
/// queued (the newest vetted template version unless one is named). Without a template, the service is
/// registered empty and its versions are published through the API.
/// </summary>
public sealed record CreateServiceRequest(
    string Name,
    string Team,
    string? Template = null,
    string? TemplateVersion = null,
    string? Description = null,
    IReadOnlyDictionary<string, string?>? Parameters = null);
