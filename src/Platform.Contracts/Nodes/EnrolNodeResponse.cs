namespace Platform.Contracts.Nodes;

/// <summary>The node's identity and the secret it presents from then on (shown once).</summary>
/// <param name="Region">
/// The region the platform holds for the node: what a platform admin accepted or set; null while the node's claim awaits an
/// admin. A re-enrolment never changes it.
/// </param>
/// <param name="Labels">
/// The labels the platform holds for the node (placements and rings select on them): what a platform admin accepted or set,
/// empty until then. A re-enrolment cannot change them, so a node that differs from its configuration learns it here.
/// </param>
/// <param name="ClaimedRegion">The region the node asked for at its first enrolment while no admin has accepted it; null otherwise.</param>
/// <param name="ClaimedLabels">The labels of that pending claim: they select nothing until a platform admin accepts them.</param>
public sealed record EnrolNodeResponse(
    Guid NodeId, string NodeToken, string? Region = null, IReadOnlyDictionary<string, string>? Labels = null,
    string? ClaimedRegion = null, IReadOnlyDictionary<string, string>? ClaimedLabels = null);
