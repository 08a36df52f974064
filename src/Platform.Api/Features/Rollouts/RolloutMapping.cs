using Platform.Contracts.Rollouts;
using Platform.Domain.Deployments;

namespace Platform.Api.Features.Rollouts;

public static class RolloutMapping
{
    public static RolloutDto ToDto(this Rollout r, string service, IReadOnlyDictionary<Guid, string> versions) =>
        new(r.Id, service, versions[r.TargetVersionId], r.PreviousVersionId is { } p ? versions[p] : null,
            r.Phase.ToString().ToLowerInvariant(), r.Message, r.RequestedBy, r.CreatedAt, r.UpdatedAt, r.CompletedAt,
            r.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new RolloutEventDto(e.At, e.Kind, e.Message)).ToList());
}
