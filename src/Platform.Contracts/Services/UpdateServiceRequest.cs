namespace Platform.Contracts.Services;

/// <summary>
/// Changes to a service's settings (owners and admins); a field left out stays as it is.
/// <see cref="DeployOnBuild"/>: whether a successful build rolls itself out.
/// </summary>
public sealed record UpdateServiceRequest(bool? DeployOnBuild = null);
