using Platform.Domain.Services;

namespace Platform.Application.Registry;

/// <summary>Everything needed to publish one version of a service.</summary>
public sealed record PublishRequest(
    Service Service,
    string Version,
    byte[] Binary,
    string ManifestText,
    string? SourceRevisionDigest = null,
    Guid? BuildId = null,
    Guid? TemplateVersionId = null);
