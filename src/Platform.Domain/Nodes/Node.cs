namespace Platform.Domain.Nodes;

/// <summary>An enrolled edge node and what it last reported. Holds nothing the node cannot rebuild.</summary>
public sealed class Node
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public required string Region { get; set; }
    public required string BaseUrl { get; set; }
    /// <summary>The node also serves each service at "&lt;service&gt;.&lt;ServiceDomain&gt;" (BaseUrl's scheme and port); null: by path only.</summary>
    public string? ServiceDomain { get; set; }
    public Dictionary<string, string> Labels { get; set; } = [];
    public required string TokenHash { get; set; }
    public DateTimeOffset EnrolledAt { get; set; }
    public DateTimeOffset? LastHeartbeatAt { get; set; }
    public string? AppliedRevision { get; set; }
    /// <summary>"service@version=digest" of every version ready on the node.</summary>
    public List<string> ReadyVersions { get; set; } = [];
    /// <summary>"service@version: reason" of every version the node could not load.</summary>
    public List<string> FailedVersions { get; set; } = [];
    /// <summary>The latest per-version counters and latency samples the node reported.</summary>
    public List<VersionMetrics> Metrics { get; set; } = [];
    /// <summary>When a platform admin revoked the node: its token no longer authenticates and it gets no desired state.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Revokes the node: its token stops working and what it reported is forgotten.</summary>
    public void Revoke(string by, DateTimeOffset now)
    {
        RevokedAt = now;
        RevokedBy = by;
        ReadyVersions = [];
        FailedVersions = [];
        Metrics = [];
    }

    /// <summary>The labels rollout rings select on: the node's labels, with its region as "region" unless a label says otherwise.</summary>
    public IReadOnlyDictionary<string, string> RingLabels()
    {
        var labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal);
        labels.TryAdd("region", Region);
        return labels;
    }

    public bool IsOnline(DateTimeOffset now, TimeSpan heartbeatTimeout) =>
        !IsRevoked && LastHeartbeatAt is { } last && now - last <= heartbeatTimeout;

    /// <summary>The service's own origin on this node, e.g. "http://shop.localhost:8081/"; null when the node routes by path only.</summary>
    public string? ServiceUrl(string service) =>
        ServiceDomain is { Length: > 0 } domain && Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl)
            ? new UriBuilder(baseUrl) { Host = $"{service}.{domain}", Path = "/" }.Uri.ToString()
            : null;

    public static string ReadyKey(string service, string version, string digest) => $"{service}@{version}={digest}";
}
