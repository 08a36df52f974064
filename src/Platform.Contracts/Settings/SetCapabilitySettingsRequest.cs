namespace Platform.Contracts.Settings;

/// <summary>Replaces the capability policy; an absent field takes its default (approval on, no network allowed).</summary>
public sealed record SetCapabilitySettingsRequest(bool? ApproveFirstVersions = null, IReadOnlyList<string>? AllowedOutboundNetworks = null);
