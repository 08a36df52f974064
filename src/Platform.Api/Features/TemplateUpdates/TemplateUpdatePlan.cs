using Platform.Domain;
using Platform.Domain.Templates;

namespace Platform.Api.Features.TemplateUpdates;

/// <summary>
/// A service's template lineage and, when a newer vetted version exists, both renders: <see cref="Base"/> (the
/// service's version) and <see cref="Next"/> (the newer one), each with the service's parameters
/// (<see cref="NextParameters"/>: the service's answers checked against the newer version's form).
/// </summary>
public sealed record TemplateUpdatePlan(
    string Template,
    TemplateVersion Current,
    TemplateVersion? Newer,
    IReadOnlyDictionary<string, string> Base,
    IReadOnlyDictionary<string, string> Next,
    Dictionary<string, string> NextParameters,
    ValidationErrors Errors)
{
    /// <summary>Paths whose content differs between the two renders, in order.</summary>
    public IEnumerable<string> ChangedPaths() =>
        Base.Keys.Union(Next.Keys).Order(StringComparer.Ordinal)
            .Where(path => Base.GetValueOrDefault(path) != Next.GetValueOrDefault(path));
}
