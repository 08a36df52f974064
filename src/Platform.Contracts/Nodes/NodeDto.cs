namespace Platform.Contracts.Nodes;

/// <summary>An edge node as admins and developers see it.</summary>
/// <param name="Region">The region a platform admin accepted or set; null until then.</param>
/// <param name="Labels">What placements and rollout rings select on (the region as "region"): accepted or set by a platform admin; empty until then.</param>
/// <param name="ClaimedRegion">The region the node asked for at its first enrolment, awaiting a platform admin; null when nothing is pending.</param>
/// <param name="ClaimedLabels">The labels the node asked for (the region as "region"), awaiting a platform admin; they select nothing until accepted.</param>
public sealed record NodeDto(
    Guid Id,
    string Name,
    string? Region,
    string BaseUrl,
    bool Online,
    DateTimeOffset EnrolledAt,
    DateTimeOffset? LastHeartbeatAt,
    IReadOnlyList<string> Ready,
    IReadOnlyList<string> Failed,
    IReadOnlyDictionary<string, string>? Labels = null,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null,
    string? ClaimedRegion = null,
    IReadOnlyDictionary<string, string>? ClaimedLabels = null)
{
    public bool Revoked => RevokedAt is not null;

    /// <summary>Whether the node's own labels await a platform admin (<c>POST /api/v1/nodes/{id}/labels/accept</c>).</summary>
    public bool LabelsPending => ClaimedRegion is not null;
}
