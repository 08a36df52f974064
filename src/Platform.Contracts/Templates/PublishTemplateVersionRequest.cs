namespace Platform.Contracts.Templates;

/// <summary>
/// An immutable template version, stored as a draft until a platform admin vets it. Files map relative paths to
/// contents with <c>{{ parameter }}</c> placeholders; <c>service_name</c>, <c>team</c>, <c>route</c> and
/// <c>description</c> are supplied by the platform.
/// </summary>
public sealed record PublishTemplateVersionRequest(
    string Version,
    string Toolchain,
    string Executor,
    IReadOnlyList<TemplateParameterDto> Parameters,
    IReadOnlyDictionary<string, string> Files,
    bool DeployOnCreate = true);
