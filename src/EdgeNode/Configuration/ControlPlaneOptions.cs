using System.ComponentModel.DataAnnotations;

namespace Platform.EdgeNode.Configuration;

/// <summary>Configuration section "ControlPlane": the API this node enrols with and polls.</summary>
public sealed class ControlPlaneOptions
{
    public const string Section = "ControlPlane";

    [Required]
    public Uri? Url { get; set; }

    [Required]
    public string EnrolmentToken { get; set; } = string.Empty;

    /// <summary>Pause between two reads of the desired state (after a long poll ends, or between polls when not watching).</summary>
    [Range(0, 600_000)]
    public int PollIntervalMs { get; set; } = 1000;

    /// <summary>
    /// How long one read of the desired state may wait for a change (a long poll: changes arrive at once).
    /// 0 turns watching off and the node simply polls every <see cref="PollIntervalMs"/>.
    /// </summary>
    [Range(0, 25)]
    public int WatchSeconds { get; set; } = 25;

    /// <summary>Upper bound of the retry backoff while the control plane is unreachable.</summary>
    [Range(100, 600_000)]
    public int MaxBackoffMs { get; set; } = 15_000;

    /// <summary>Heartbeats go out at least this often, changed or not.</summary>
    [Range(100, 2000)]
    public int HeartbeatIntervalMs { get; set; } = 2000;
}
