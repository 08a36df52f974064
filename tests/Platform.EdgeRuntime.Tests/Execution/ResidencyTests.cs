using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.KeyValue;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Execution;

/// <summary>
/// Idle versions leave memory beyond the node's capacity (least recently used first, never one that is running) and their
/// next request loads them again from the disk cache, with the grants they had; a retired version is released once idle.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ResidencyTests(EdgeFixture edge) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("platform-residency-").FullName;
    private readonly HttpClient _outbound = new();

    public void Dispose()
    {
        _outbound.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private (VersionLoader Loader, ComponentCache Cache) Node(int capacity) =>
        (new VersionLoader(edge.Engine, new KeyValueStoreProvider(_directory), _outbound, NullLoggerFactory.Instance, residency: new Residency(capacity)),
         new ComponentCache(edge.Engine, Path.Combine(_directory, "cache")));

    private LoadedVersion Load(VersionLoader loader, ComponentCache cache, string service, string component = "config", string greeting = "hi")
    {
        var bytes = edge.Components.Bytes(component);
        var digest = ComponentDigest.Compute(bytes);
        var assignment = new VersionAssignmentDto("1.0.0", digest, "component", 100,
            new CapabilitiesDto([], [], new Dictionary<string, string> { ["greeting"] = greeting }), LimitsDto.Default);
        return loader.Load(service, assignment, cache.Load(digest, bytes), () => cache.Open(digest));
    }

    private string Get(LoadedVersion version)
    {
        var response = edge.Executor.Execute(version, new EdgeRequest("GET", "/", [], []), Guid.NewGuid().ToString("N"));
        Assert.True(response.Status == 200, $"{response.Status}: {response.Error}");
        return Encoding.UTF8.GetString(response.Body);
    }

    [Fact]
    public void Run_BeyondTheCapacity_TheLeastRecentlyUsedIdleVersionIsParked_AndComesBackWithItsGrants()
    {
        var (loader, cache) = Node(capacity: 2);
        var a = Load(loader, cache, "svc-a", greeting: "from a");
        var b = Load(loader, cache, "svc-b", greeting: "from b");
        Get(a);
        Get(b);

        var c = Load(loader, cache, "svc-c", greeting: "from c");

        Assert.Equal(2, loader.Residency.Resident);
        Assert.False(a.IsResident);
        Assert.True(b.IsResident && c.IsResident);
        Assert.Equal("from a", Get(a));
        Assert.Equal(1, loader.Residency.ColdLoads);
        Assert.False(b.IsResident);
        Assert.Equal(("from b", "from c"), (Get(b), Get(c)));
        Assert.Equal(2, loader.Residency.Resident);
    }

    [Fact]
    public void Run_AVersionInUse_IsNeverParked()
    {
        var (loader, cache) = Node(capacity: 1);
        var busy = Load(loader, cache, "svc-busy");
        var held = busy.Executor.Acquire();

        var other = Load(loader, cache, "svc-other");
        Get(other);

        Assert.True(busy.IsResident);
        busy.Executor.Release();
        Get(Load(loader, cache, "svc-third"));
        Assert.False(busy.IsResident);
        Assert.NotNull(held);
    }

    [Fact]
    public void Retire_IdleVersion_ReleasedAndNoLongerCounted_ARunAfterwardsStillAnswers()
    {
        var (loader, cache) = Node(capacity: 10);
        var version = Load(loader, cache, "svc-retired", greeting: "still here");

        version.Retire();

        Assert.False(version.IsResident);
        Assert.Equal(0, loader.Residency.Resident);
        // A request routed before the version was retired still gets an answer; the version is released again after it.
        Assert.Equal("still here", Get(version));
        Assert.False(version.IsResident);
        Assert.Equal(0, loader.Residency.Resident);
    }

    [Fact]
    public void Run_ParkedVersionWhoseArtefactIsGone_503NamingTheCache_NeighboursServe()
    {
        var (loader, cache) = Node(capacity: 1);
        var lost = Load(loader, cache, "svc-lost", component: "hello");
        var neighbour = Load(loader, cache, "svc-neighbour");
        foreach (var file in Directory.GetFiles(cache.Directory, "*.cwasm"))
        {
            if (file.Contains(ComponentDigest.Hex(ComponentDigest.Compute(edge.Components.Bytes("hello"))), StringComparison.Ordinal)) File.Delete(file);
        }

        var response = edge.Executor.Execute(lost, new EdgeRequest("GET", "/", [], []), "req-lost");

        Assert.Equal(503, response.Status);
        Assert.Contains("cannot be read from the compiled cache", response.Error);
        Assert.Equal("hi", Get(neighbour));
    }
}
