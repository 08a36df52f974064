namespace Platform.Contracts.Nodes;

/// <summary>The node's identity and the secret it presents from then on (shown once).</summary>
public sealed record EnrolNodeResponse(Guid NodeId, string NodeToken);
