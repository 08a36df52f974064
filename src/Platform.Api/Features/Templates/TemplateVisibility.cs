using Platform.Application.Identity;
using Platform.Domain.Templates;
using Semver;

namespace Platform.Api.Features.Templates;

/// <summary>Developers see vetted versions; the owning team and admins see drafts and deprecated versions too.</summary>
public static class TemplateVisibility
{
    public static IEnumerable<TemplateVersion> VisibleTo(this IEnumerable<TemplateVersion> versions, Actor actor, Guid ownerTeamId) =>
        versions.Where(v => actor.CanActFor(ownerTeamId) || v.Status == TemplateVersionStatus.Vetted);

    /// <summary>The newest vetted version: what a new service gets when it names no version.</summary>
    public static TemplateVersion? NewestVetted(this IEnumerable<TemplateVersion> versions) =>
        versions.Where(v => v.Status == TemplateVersionStatus.Vetted)
            .OrderByDescending(v => SemVersion.Parse(v.Version, SemVersionStyles.Strict), SemVersion.PrecedenceComparer)
            .FirstOrDefault();
}
