namespace Platform.Domain.Settings;

/// <summary>A platform-wide policy set by admins (e.g. the default rollout strategy), stored as JSON under a key.</summary>
public sealed class PlatformSetting
{
    public const string RolloutStrategy = "rollout-strategy";
    public const string Capabilities = "capabilities";

    public required string Key { get; set; }
    public required string Value { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
