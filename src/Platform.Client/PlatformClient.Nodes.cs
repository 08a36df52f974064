using Platform.Contracts.Nodes;
using Platform.Contracts.Services;

namespace Platform.Client;

public sealed partial class PlatformClient
{
    public Task<ServicePlacementDto> SetPlacementAsync(string service, PlacementDto placement, CancellationToken ct = default) =>
        SendAsync<ServicePlacementDto>(HttpMethod.Put, $"api/v1/services/{Uri.EscapeDataString(service)}/placement", placement, ct);

    public Task<ServicePlacementDto> PlacementAsync(string service, CancellationToken ct = default) =>
        GetAsync<ServicePlacementDto>($"api/v1/services/{Uri.EscapeDataString(service)}/placement", ct);

    public Task<NodeDto> RevokeNodeAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<NodeDto>(HttpMethod.Post, $"api/v1/nodes/{id}/revoke", null, ct);

    public Task<NodeDto> SetNodeLabelsAsync(Guid id, SetNodeLabelsRequest request, CancellationToken ct = default) =>
        SendAsync<NodeDto>(HttpMethod.Put, $"api/v1/nodes/{id}/labels", request, ct);

    /// <summary>Platform admins: the region and labels the node claimed at its first enrolment count from now on.</summary>
    public Task<NodeDto> AcceptNodeLabelsAsync(Guid id, CancellationToken ct = default) =>
        SendAsync<NodeDto>(HttpMethod.Post, $"api/v1/nodes/{id}/labels/accept", null, ct);

    public Task DeleteNodeAsync(Guid id, CancellationToken ct = default) => SendAsync(HttpMethod.Delete, $"api/v1/nodes/{id}", null, ct);
}
