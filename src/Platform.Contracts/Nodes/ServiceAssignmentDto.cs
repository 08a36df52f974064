namespace Platform.Contracts.Nodes;

/// <summary>One service on one node: the route it answers and the versions that share its traffic.</summary>
/// <param name="Route">Path prefix, e.g. "/hello-api". Requests under it go to this service.</param>
/// <param name="Versions">Weights add up to 100; one version at 100 when no canary runs.</param>
public sealed record ServiceAssignmentDto(string Service, string Route, IReadOnlyList<VersionAssignmentDto> Versions);
