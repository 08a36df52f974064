namespace Platform.Contracts.Settings;

/// <summary>
/// The platform's capability policy. <paramref name="ApproveFirstVersions"/>: a service's first version that declares
/// capabilities waits for a platform admin before it is placed (default on). <paramref name="AllowedOutboundNetworks"/>:
/// CIDR networks outbound HTTP may reach although they are loopback, private, link-local or otherwise special (default none).
/// </summary>
public sealed record CapabilitySettingsDto(bool ApproveFirstVersions, IReadOnlyList<string> AllowedOutboundNetworks, string? UpdatedBy = null, DateTimeOffset? UpdatedAt = null);
