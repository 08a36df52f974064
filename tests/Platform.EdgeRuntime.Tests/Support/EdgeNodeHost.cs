using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;

namespace Platform.EdgeRuntime.Tests.Support;

/// <summary>A real node (in-memory ingress) enrolled with a fake control plane on a loopback port.</summary>
public sealed class EdgeNodeHost : IAsyncDisposable
{
    public static readonly TimeSpan Converge = TimeSpan.FromSeconds(30);

    private readonly EdgeFixture _edge;
    private readonly WebApplicationFactory<Program> _node;

    private readonly bool _ownsControlPlane;

    private EdgeNodeHost(EdgeFixture edge, FakeControlPlane controlPlane, bool ownsControlPlane, IReadOnlyDictionary<string, string?>? settings)
    {
        _edge = edge;
        ControlPlane = controlPlane;
        _ownsControlPlane = ownsControlPlane;
        var dataDir = Path.Combine(edge.DataDirectory, "node-" + Guid.NewGuid().ToString("N"));
        var configuration = new Dictionary<string, string?>
        {
            ["Node:Name"] = "edge-test-1",
            ["Node:DataDir"] = dataDir,
            ["ControlPlane:Url"] = controlPlane.Url.ToString(),
            ["ControlPlane:EnrolmentToken"] = FakeControlPlane.EnrolmentToken,
            ["ControlPlane:PollIntervalMs"] = "100",
            ["ControlPlane:HeartbeatIntervalMs"] = "200",
            ["Edge:Engine:MaxConcurrentInstances"] = "16",
            // Instances on demand: a pooling allocator reserves ~70 GB of address space and thousands of memory mappings per
            // engine, and the engines of the nodes one test process starts are not all released before it ends (see
            // ReleaseEngines); tens of them reached the kernel's mapping limit. The pool itself is tested on the shared engine.
            ["Edge:Engine:UsePoolingAllocator"] = "false",
            // Two guest workers whatever the machine: one a looping neighbour may hold, one for the rest.
            ["Edge:Scheduler:Workers"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }
        _node = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(configuration)));
        Ingress = _node.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
    }

    public FakeControlPlane ControlPlane { get; }

    /// <summary>The node's services (its configuration as the node sees it).</summary>
    public IServiceProvider Services => _node.Services;

    /// <summary>A client of the node's ingress; it does not keep cookies (tests send them explicitly).</summary>
    public HttpClient Ingress { get; }

    /// <param name="settings">Configuration beside the defaults (e.g. Nats:Url, Node:Name), winning over them.</param>
    public static async Task<EdgeNodeHost> StartAsync(EdgeFixture edge, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var controlPlane = new FakeControlPlane();
        await controlPlane.StartAsync();
        return new EdgeNodeHost(edge, controlPlane, ownsControlPlane: true, settings);
    }

    /// <summary>A second node of the same (fake) control plane, with a data directory of its own.</summary>
    public EdgeNodeHost StartAnother(IReadOnlyDictionary<string, string?>? settings = null) =>
        new(_edge, ControlPlane, ownsControlPlane: false, settings);


    /// <summary>Sets the desired state and waits until the node reports it applied.</summary>
    public async Task<NodeHeartbeatRequest> ConvergeAsync(string revision, params ServiceAssignmentDto[] services)
    {
        ControlPlane.SetDesiredState(revision, services);
        return await ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == revision, Converge);
    }

    public static ServiceAssignmentDto Service(string name, string route, params VersionAssignmentDto[] versions) => new(name, route, versions);

    /// <summary>A version of a test artefact (tests/components or tests/components-wagi), its blob served by the control plane.</summary>
    public VersionAssignmentDto Version(string version, string artefact, int weight, string executor = "component")
    {
        ControlPlane.PutBlob(Digest(artefact), _edge.Components.Bytes(artefact));
        return new VersionAssignmentDto(version, Digest(artefact), executor, weight, CapabilitiesDto.None, LimitsDto.Default);
    }

    public string Digest(string artefact) => ComponentDigest.Compute(_edge.Components.Bytes(artefact));

    /// <summary>Stops the node (its control plane stays up for the others of it); disposing it later is harmless.</summary>
    public async Task StopNodeAsync()
    {
        Ingress.Dispose();
        await _node.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Ingress.Dispose();
        await _node.DisposeAsync();
        if (_ownsControlPlane)
        {
            await ControlPlane.DisposeAsync();
        }
        ReleaseEngines();
    }

    /// <summary>
    /// A node's Wasmtime engine is freed when the last compiled component or module holding it is, and those are freed by
    /// their finalizers: without a collection, the engines of the nodes a test process started stay reserved (a pooling
    /// allocator's address space and tens of thousands of memory mappings each) until the process reaches the kernel's
    /// mapping limit (vm.max_map_count) and a new engine cannot be made.
    /// </summary>
    private static void ReleaseEngines()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
