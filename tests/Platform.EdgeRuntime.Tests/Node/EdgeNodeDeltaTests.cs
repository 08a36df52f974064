using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Tests.Support;

namespace Platform.EdgeRuntime.Tests.Node;

/// <summary>
/// A node holds the whole desired state it last received and asks with its revision as <c>base</c>: a delta (services changed
/// or added, services removed) is applied to what it holds; a delta against a revision it does not hold makes it ask for the
/// whole state at once, and it serves nothing half-applied meanwhile.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class EdgeNodeDeltaTests(EdgeFixture edge) : IAsyncLifetime
{
    private EdgeNodeHost _node = null!;

    public async Task InitializeAsync() => _node = await EdgeNodeHost.StartAsync(edge);

    public async Task DisposeAsync() => await _node.DisposeAsync();

    private ServiceAssignmentDto Hello(string name) => EdgeNodeHost.Service(name, "/" + name, _node.Version("1.0.0", "hello", 100));

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await _node.Ingress.GetAsync(path);
        return response.StatusCode;
    }

    [Fact]
    public async Task Delta_AppliedToTheHeldState_AddsReplacesAndRemovesServices()
    {
        await _node.ConvergeAsync("r1", Hello("alpha"), Hello("beta"));
        // From r1 the control plane sends the changes; asked with r2 (or nothing) it has nothing new: r2 again.
        var whole = new NodeDesiredStateDto(_node.ControlPlane.NodeId, "r2", [Hello("alpha"), Hello("gamma")]);
        _node.ControlPlane.Answer = asked => asked == "r1"
            ? new NodeDesiredStateDto(_node.ControlPlane.NodeId, "r2", [Hello("gamma")], BaseRevision: "r1", RemovedServices: ["beta"])
            : whole;

        await _node.ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r2", EdgeNodeHost.Converge);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/alpha/"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/gamma/"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync("/beta/"));
        Assert.Contains("r1", _node.ControlPlane.BasesAsked);
        Assert.DoesNotContain(null, _node.ControlPlane.BasesAsked.SkipWhile(b => b != "r1"));
    }

    [Fact]
    public async Task Delta_AgainstARevisionNotHeld_TheNodeAsksForTheWholeState()
    {
        await _node.ConvergeAsync("r1", Hello("alpha"));
        var whole = new NodeDesiredStateDto(_node.ControlPlane.NodeId, "r3", [Hello("alpha"), Hello("delta")]);
        // A control plane that lost track sends changes since a revision this node never had, until asked without a base.
        _node.ControlPlane.Answer = asked => asked is null
            ? whole
            : new NodeDesiredStateDto(_node.ControlPlane.NodeId, "r3", [Hello("delta")], BaseRevision: "r2", RemovedServices: ["alpha"]);

        await _node.ControlPlane.WaitForHeartbeatAsync(h => h.AppliedRevision == "r3", EdgeNodeHost.Converge);

        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/alpha/"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/delta/"));
        Assert.Contains(null, _node.ControlPlane.BasesAsked.SkipWhile(b => b != "r1"));
    }

    /// <summary>
    /// A delta is worked on for what it carries: the services it leaves out keep their very routes (nothing of them is
    /// looked at again), and a version that failed stays failed, reported, without being tried again, until its entry changes.
    /// </summary>
    [Fact]
    public async Task Delta_ServicesLeftOut_KeepTheirRoutesAndFailures_OnlyTheChangedOneIsWorkedOn()
    {
        // Its blob is not what its digest says: the node refuses to load it.
        var lying = "sha256:" + new string('0', 64);
        _node.ControlPlane.PutBlob(lying, edge.Components.Bytes("echo"));
        var broken = EdgeNodeHost.Service("broken", "/broken", _node.Version("1.0.0", "hello", 100) with { Digest = lying });
        // A state with a failure is not applied (its revision is not reported): waited for by what the node reports.
        _node.ControlPlane.SetDesiredState("r1", Hello("alpha"), Hello("beta"), broken);
        var first = await _node.ControlPlane.WaitForHeartbeatAsync(h => h.Failed?.Count > 0 && h.Ready?.Count == 2, EdgeNodeHost.Converge);
        Assert.Equal(["broken"], first.Failed!.Select(f => f.Service));
        var table = _node.Services.GetRequiredService<Platform.EdgeNode.Routing.RoutingTable>();
        var alpha = table.Find("alpha");
        var downloads = _node.ControlPlane.BlobsServed;
        var reweighted = EdgeNodeHost.Service("beta", "/beta", _node.Version("1.0.0", "hello", 100), _node.Version("1.1.0", "hello", 0));
        _node.ControlPlane.Answer = asked => asked == "r1"
            ? new NodeDesiredStateDto(_node.ControlPlane.NodeId, "r2", [reweighted], BaseRevision: "r1")
            : new NodeDesiredStateDto(_node.ControlPlane.NodeId, "r2", [Hello("alpha"), reweighted, broken]);

        var heartbeat = await _node.ControlPlane.WaitForHeartbeatAsync(h => h.Ready?.Any(r => r.Service == "beta" && r.Version == "1.1.0") == true, EdgeNodeHost.Converge);

        Assert.Same(alpha, table.Find("alpha"));
        Assert.Equal(["1.0.0", "1.1.0"], table.Find("beta")!.Versions.Select(v => v.Loaded.Version));
        Assert.Equal(["broken"], heartbeat.Failed!.Select(f => f.Service));
        Assert.Null(table.Find("broken"));
        Assert.Equal(downloads, _node.ControlPlane.BlobsServed);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/alpha/"));
    }
}
