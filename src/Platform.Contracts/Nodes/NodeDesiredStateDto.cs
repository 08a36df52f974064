namespace Platform.Contracts.Nodes;

/// <summary>Everything a node should serve. Absolute, never relative: a node converges to it.</summary>
/// <param name="Revision">Changes whenever anything in the state changes.</param>
/// <param name="AllowedOutboundNetworks">
/// CIDR networks outbound HTTP may reach although they are loopback, private, link-local or otherwise special
/// (set by platform admins; none by default, so such addresses are refused after DNS resolution).
/// </param>
/// <param name="TopicSchemas">
/// The newest schema of each topic the placed versions may publish to, for topics that have one (null when none): events
/// components publish are checked against it on the node, as the API checks events from outside.
/// </param>
public sealed record NodeDesiredStateDto(
    Guid NodeId, string Revision, IReadOnlyList<ServiceAssignmentDto> Services, IReadOnlyList<string>? AllowedOutboundNetworks = null,
    IReadOnlyList<TopicSchemaAssignmentDto>? TopicSchemas = null);
