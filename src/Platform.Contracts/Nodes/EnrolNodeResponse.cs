namespace Platform.Contracts.Nodes;

/// <summary>The node's identity and the secret it presents from then on (shown once).</summary>
/// <param name="Region">The region the platform holds for the node: a re-enrolment keeps the one set before.</param>
/// <param name="Labels">
/// The labels the platform holds for the node (placements and rings select on them): what the first enrolment asked
/// for, or what a platform admin set since. A re-enrolment cannot change them, so a node that differs from its
/// configuration learns it here.
/// </param>
public sealed record EnrolNodeResponse(Guid NodeId, string NodeToken, string? Region = null, IReadOnlyDictionary<string, string>? Labels = null);
