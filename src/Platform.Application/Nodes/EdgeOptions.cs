namespace Platform.Application.Nodes;

/// <summary>Settings shared by the API and the Deployer about the edge fleet (section "Edge").</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>Secret that edge nodes present to enrol. Required; never logged.</summary>
    public string EnrolmentToken { get; set; } = "";

    /// <summary>A node that has not sent a heartbeat for this long is offline.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
