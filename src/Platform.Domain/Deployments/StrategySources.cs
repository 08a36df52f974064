namespace Platform.Domain.Deployments;

/// <summary>Where a rollout's strategy came from (shown with the rollout).</summary>
public static class StrategySources
{
    /// <summary>The platform default set by admins (or the built-in default).</summary>
    public const string Platform = "platform";
    /// <summary>The service's own strategy.</summary>
    public const string Service = "service";
    /// <summary>Given with this rollout request.</summary>
    public const string Request = "request";
    /// <summary>An emergency full rollout: no canary, reason in the audit log.</summary>
    public const string Emergency = "emergency";
    /// <summary>A fast rollback to an earlier version: no canary.</summary>
    public const string Rollback = "rollback";
    /// <summary>The service's first deployment: nothing to compare a canary with.</summary>
    public const string First = "first";
}
