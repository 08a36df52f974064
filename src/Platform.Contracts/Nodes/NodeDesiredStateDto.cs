namespace Platform.Contracts.Nodes;

/// <summary>Everything a node should serve. Absolute, never relative: a node converges to it.</summary>
/// <param name="Revision">Changes whenever anything in the state changes.</param>
public sealed record NodeDesiredStateDto(Guid NodeId, string Revision, IReadOnlyList<ServiceAssignmentDto> Services);
