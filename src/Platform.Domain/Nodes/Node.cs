namespace Platform.Domain.Nodes;

/// <summary>
/// An enrolled edge node and what it last reported. Holds nothing the node cannot rebuild. Its <see cref="Region"/> and
/// <see cref="Labels"/> decide which services (and so which secrets) it receives, so they are only ever what a platform
/// admin accepted or set: what a node asks for at its first enrolment is a claim (<see cref="ClaimedRegion"/>,
/// <see cref="ClaimedLabels"/>) that selects nothing until an admin accepts it.
/// </summary>
public sealed class Node
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    /// <summary>The region a platform admin accepted or set (the label "region"); null until then.</summary>
    public string? Region { get; set; }
    public required string BaseUrl { get; set; }
    /// <summary>The node also serves each service at "&lt;service&gt;.&lt;ServiceDomain&gt;" (BaseUrl's scheme and port); null: by path only.</summary>
    public string? ServiceDomain { get; set; }
    /// <summary>The labels a platform admin accepted or set; empty until then.</summary>
    public Dictionary<string, string> Labels { get; set; } = [];
    /// <summary>The region the node asked for at its first enrolment, awaiting a platform admin; null when no claim is pending.</summary>
    public string? ClaimedRegion { get; set; }
    /// <summary>The labels the node asked for at its first enrolment, awaiting a platform admin (with <see cref="ClaimedRegion"/>).</summary>
    public Dictionary<string, string> ClaimedLabels { get; set; } = [];
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

    /// <summary>
    /// Whether a platform admin accepted or set the node's labels. Until then placements select the node only when they
    /// select every node: an unvetted node is not "a node without tier=secure" for a <c>NotIn</c> or <c>DoesNotExist</c>.
    /// </summary>
    public bool LabelsAccepted => Region is not null;

    /// <summary>Whether the node claimed labels that no platform admin has accepted (or replaced) yet.</summary>
    public bool HasClaim => ClaimedRegion is not null;

    /// <summary>A new node's own region and labels: recorded, not used, until a platform admin accepts them.</summary>
    public void Claim(string region, IReadOnlyDictionary<string, string>? labels)
    {
        ClaimedRegion = region;
        ClaimedLabels = labels?.ToDictionary(StringComparer.Ordinal) ?? [];
    }

    /// <summary>A platform admin accepts the node's claim: its region and labels from now on. False when none is pending.</summary>
    public bool AcceptClaim()
    {
        if (ClaimedRegion is not { } region) return false;
        SetLabels(region, ClaimedLabels);
        return true;
    }

    /// <summary>A platform admin sets the node's region and labels; a pending claim is settled by it.</summary>
    public void SetLabels(string region, IReadOnlyDictionary<string, string>? labels)
    {
        Region = region;
        Labels = labels?.ToDictionary(StringComparer.Ordinal) ?? [];
        ClaimedRegion = null;
        ClaimedLabels = [];
    }

    /// <summary>Revokes the node: its token stops working and what it reported is forgotten.</summary>
    public void Revoke(string by, DateTimeOffset now)
    {
        RevokedAt = now;
        RevokedBy = by;
        ReadyVersions = [];
        FailedVersions = [];
        Metrics = [];
    }

    /// <summary>
    /// The labels placements and rollout rings select on: the node's accepted labels, with its region as "region" unless a
    /// label says otherwise; empty while none are accepted (a claim never counts).
    /// </summary>
    public IReadOnlyDictionary<string, string> RingLabels()
    {
        var labels = new Dictionary<string, string>(Labels, StringComparer.Ordinal);
        if (Region is { } region) labels.TryAdd("region", region);
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
