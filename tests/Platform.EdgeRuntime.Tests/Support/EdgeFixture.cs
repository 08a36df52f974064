using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Capabilities;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Hosting;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Metrics;

namespace Platform.EdgeRuntime.Tests.Support;

/// <summary>One engine, the built test components and a scratch data directory for the whole run.</summary>
public sealed class EdgeFixture : IDisposable
{
    private readonly HttpClient _outbound = new(new OutboundConnector(new OutboundNetworkPolicy()).CreateHandler());

    public EdgeFixture()
    {
        Components = new TestComponents();
        DataDirectory = Directory.CreateTempSubdirectory("platform-edge-tests-").FullName;
        Engine = new EdgeEngine(new EdgeEngineOptions { MaxConcurrentInstances = 32, MaxMemoryMb = 64 });
        Cache = new ComponentCache(Engine, Path.Combine(DataDirectory, "cache"));
        Modules = new ModuleCache(Engine, Path.Combine(DataDirectory, "cache"));
        Metrics = new EdgeMetrics();
        Loader = new VersionLoader(Engine, new KeyValueStoreProvider(DataDirectory), _outbound, NullLoggerFactory.Instance);
        Executor = new RequestExecutor(Metrics);
    }

    public TestComponents Components { get; }

    public string DataDirectory { get; }

    public EdgeEngine Engine { get; }

    public ComponentCache Cache { get; }

    public ModuleCache Modules { get; }

    public EdgeMetrics Metrics { get; }

    public VersionLoader Loader { get; }

    public RequestExecutor Executor { get; }

    public LoadedVersion Load(string component, CapabilitiesDto? capabilities = null, LimitsDto? limits = null, string? service = null)
    {
        var bytes = Components.Bytes(component);
        var digest = ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "component", 100, capabilities ?? CapabilitiesDto.None, limits ?? LimitsDto.Default);
        return Loader.Load(service ?? component, assignment, Cache.Load(digest, bytes));
    }

    /// <summary>Loads a component from tests/components as <paramref name="version"/> of <paramref name="service"/> in <paramref name="role"/>.</summary>
    public LoadedVersion LoadVersion(string component, string service, string version, VersionRole role = VersionRole.Serving)
    {
        var bytes = Components.Bytes(component);
        var digest = ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto(version, digest, "component", 100, CapabilitiesDto.None, LimitsDto.Default, role);
        return Loader.Load(service, assignment, Cache.Load(digest, bytes));
    }

    /// <summary>Loads a WAGI module from tests/components-wagi as version 1.0.0.</summary>
    public LoadedVersion LoadWagi(string module, CapabilitiesDto? capabilities = null, LimitsDto? limits = null, string? service = null)
    {
        var bytes = Components.Bytes(module);
        var digest = ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "wagi", 100, capabilities ?? CapabilitiesDto.None, limits ?? LimitsDto.Default);
        return Loader.Load(service ?? module, assignment, Modules.Load(digest, bytes));
    }

    public EdgeResponse Get(LoadedVersion version, string uri) =>
        Executor.Execute(version, new EdgeRequest("GET", uri, [new("host", "edge.test")], []), Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _outbound.Dispose();
        Engine.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
