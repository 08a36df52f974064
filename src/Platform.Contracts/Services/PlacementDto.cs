namespace Platform.Contracts.Services;

/// <summary>
/// Which nodes a service runs on, by node label (a node's labels as a platform admin accepted or set them, and its region as
/// "region"): every entry of <see cref="MatchLabels"/> must be equal and every requirement met. Nothing set: every node.
/// A node whose claimed labels no admin accepted yet is placed only by a placement of every node.
/// </summary>
public sealed record PlacementDto(IReadOnlyDictionary<string, string>? MatchLabels = null, IReadOnlyList<LabelRequirementDto>? MatchExpressions = null);
