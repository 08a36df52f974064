using Platform.Domain.Registry;

namespace Platform.Domain.Manifests;

/// <summary>
/// What a service declares about itself (<c>platform.toml</c>): how it runs and the capabilities it needs.
/// Nothing is granted that is not declared here.
/// </summary>
public sealed record ServiceManifest
{
    public const string FileName = "platform.toml";
    public const int DefaultDeadlineMs = 1000;
    public const int DefaultMemoryMb = 64;
    public const int DefaultMaxInstances = 32;

    public required string Name { get; init; }
    public string? Route { get; init; }
    public string Executor { get; init; } = Executors.Component;
    public IReadOnlyList<string> AllowedOutboundHosts { get; init; } = [];
    public IReadOnlyList<string> KeyValueStores { get; init; } = [];

    /// <summary>Topics the component may publish to (<c>[capabilities] publish_topics</c>): grants the publisher interface.</summary>
    public IReadOnlyList<string> PublishTopics { get; init; } = [];

    /// <summary>Topics whose events the component consumes (<c>[[triggers]]</c>); it must then export the events interface.</summary>
    public IReadOnlyList<TriggerSpec> Triggers { get; init; } = [];
    public IReadOnlyDictionary<string, VariableSpec> Variables { get; init; } = new Dictionary<string, VariableSpec>();
    public int DeadlineMs { get; init; } = DefaultDeadlineMs;
    public int MemoryMb { get; init; } = DefaultMemoryMb;

    /// <summary>Instances of this version that may run at once on one node; requests beyond it are answered 503.</summary>
    public int MaxInstances { get; init; } = DefaultMaxInstances;

    /// <summary>
    /// The platform:edge interfaces a component with this manifest may import, each under every package version that has it
    /// (a component built against 0.1.0 imports log@0.1.0, one built against 0.2.0 log@0.2.0).
    /// </summary>
    public IReadOnlySet<string> GrantedInterfaces()
    {
        List<string> interfaces = [EdgeInterfaces.Log, EdgeInterfaces.Types];
        if (Variables.Count > 0) interfaces.Add(EdgeInterfaces.Config);
        if (KeyValueStores.Count > 0) interfaces.Add(EdgeInterfaces.KeyValue);
        if (AllowedOutboundHosts.Count > 0) interfaces.Add(EdgeInterfaces.OutboundHttp);
        if (PublishTopics.Count > 0) interfaces.Add(EdgeInterfaces.Publisher);
        return interfaces.SelectMany(EdgeInterfaces.AllVersions).ToHashSet(StringComparer.Ordinal);
    }
}
