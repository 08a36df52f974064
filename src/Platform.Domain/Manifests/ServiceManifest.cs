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
    public IReadOnlyDictionary<string, VariableSpec> Variables { get; init; } = new Dictionary<string, VariableSpec>();
    public int DeadlineMs { get; init; } = DefaultDeadlineMs;
    public int MemoryMb { get; init; } = DefaultMemoryMb;

    /// <summary>Instances of this version that may run at once on one node; requests beyond it are answered 503.</summary>
    public int MaxInstances { get; init; } = DefaultMaxInstances;

    /// <summary>The platform:edge interfaces a component with this manifest may import.</summary>
    public IReadOnlySet<string> GrantedInterfaces()
    {
        var granted = new HashSet<string>(StringComparer.Ordinal) { EdgeInterfaces.Log, EdgeInterfaces.Types };
        if (Variables.Count > 0) granted.Add(EdgeInterfaces.Config);
        if (KeyValueStores.Count > 0) granted.Add(EdgeInterfaces.KeyValue);
        if (AllowedOutboundHosts.Count > 0) granted.Add(EdgeInterfaces.OutboundHttp);
        return granted;
    }
}
