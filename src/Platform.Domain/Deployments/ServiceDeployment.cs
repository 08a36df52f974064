namespace Platform.Domain.Deployments;

/// <summary>
/// What the fleet should serve for one service (status, written by the Deployer): the stable version and,
/// while a canary runs, the canary version and its weight. Absolute, so applying it twice changes nothing.
/// </summary>
public sealed class ServiceDeployment
{
    public Guid ServiceId { get; set; }
    public Guid StableVersionId { get; set; }
    public Guid? CanaryVersionId { get; set; }
    public int CanaryWeight { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint RowVersion { get; set; }
}
