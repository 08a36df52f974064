using Platform.Domain;
using Platform.Domain.Teams;
using Platform.Domain.Templates;

namespace Platform.Api.Features.Services;

/// <summary>The outcome of checking a create-service request: either errors, or everything needed to create it.</summary>
public sealed record ServicePlan(
    ValidationErrors? Errors,
    Team Team,
    string Route,
    TemplateVersion? TemplateVersion,
    Dictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Files)
{
    public static ServicePlan Invalid(ValidationErrors errors) => new(errors, null!, "", null, [], new Dictionary<string, string>());
}
