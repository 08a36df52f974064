namespace Platform.Domain.Audit;

/// <summary>One mutation: who did what to which resource, and with what outcome. Never updated.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    /// <summary>"user:alice", "token:ci-deploy (alice)", "node:edge-1", "system:deployer".</summary>
    public required string Actor { get; set; }
    /// <summary>Dotted verb, e.g. "service.create", "version.publish", "rollout.start".</summary>
    public required string Action { get; set; }
    /// <summary>The resource, e.g. "service/hello-api" or "rollout/0193…".</summary>
    public required string Target { get; set; }
    public Dictionary<string, string> Details { get; set; } = [];
    public string? TraceId { get; set; }
}
