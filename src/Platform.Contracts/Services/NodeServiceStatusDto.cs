namespace Platform.Contracts.Services;

/// <summary>Whether one node is ready to serve the service's stable version.</summary>
/// <param name="Region">The node's accepted region; null while its claimed labels await a platform admin.</param>
/// <param name="Url">The path-routed URL on the node's shared host.</param>
/// <param name="PrimaryUrl">The service's own origin on the node; null when the node routes by path only.</param>
/// <param name="BaselineWeight">The share of the baseline copy of stable on the node while a canary is analysed (out of stable's share).</param>
public sealed record NodeServiceStatusDto(string Node, string? Region, string Url, bool Online, bool Ready, string? Failure, int CanaryWeight = 0,
    string? PrimaryUrl = null, int BaselineWeight = 0);
