using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>
/// A node that asks with <c>base</c> = the revision it holds gets only what changed since (services changed or added, the
/// names of those removed); a base the API did not last send it, or none, gets the whole state; the delta applied to what
/// the node holds is exactly the whole state of the new revision.
/// </summary>
public sealed class DesiredStateDeltaTests(ApiFactory api) : ApiTest(api)
{
    private async Task<PlatformClient> AliceWithServicesAsync(params string[] names)
    {
        var alice = await Api.SignInAsync("alice");
        foreach (var name in names) await DeployNewAsync(alice, name);
        return alice;
    }

    private async Task DeployNewAsync(PlatformClient alice, string name)
    {
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        await alice.PublishVersionAsync(name, "1.0.0", Components.Hello, $"name = \"{name}\"\n");
        await Api.DeployAsync(name, "1.0.0");
    }

    private static async Task<NodeDesiredStateDto> ReadAsync(EdgeNodeClient node, string? baseRevision = null)
    {
        var response = await node.DesiredStateAsync(baseRevision is null ? "" : $"?base={Uri.EscapeDataString(baseRevision)}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<NodeDesiredStateDto>())!;
    }

    [Fact]
    public async Task DesiredState_AskedWithTheRevisionLastSent_CarriesOnlyWhatChanged()
    {
        var alice = await AliceWithServicesAsync("alpha", "beta", "gamma");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-delta", "eu");
        var held = await ReadAsync(node);
        await alice.PublishVersionAsync("beta", "1.1.0", Components.Hello, "name = \"beta\"\n");
        await Api.SplitAsync("beta", "1.1.0", 10);
        await DeployNewAsync(alice, "delta");
        await alice.SetPlacementAsync("gamma", new PlacementDto(new Dictionary<string, string> { ["tier"] = "gpu" }));

        var delta = await ReadAsync(node, held.Revision);
        var whole = await ReadAsync(node);

        Assert.Null(held.BaseRevision);
        Assert.Equal(["alpha", "beta", "gamma"], held.Services.Select(s => s.Service).Order());
        Assert.Equal(held.Revision, delta.BaseRevision);
        Assert.Equal(["beta", "delta"], delta.Services.Select(s => s.Service).Order());
        Assert.Equal(["gamma"], delta.RemovedServices);
        Assert.Equal(whole.Revision, delta.Revision);
        var applied = delta.ApplyTo(held)!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole.Services.OrderBy(s => s.Service, StringComparer.Ordinal)),
            System.Text.Json.JsonSerializer.Serialize(applied.Services));
        Assert.Null(applied.BaseRevision);
    }

    [Fact]
    public async Task DesiredState_NothingChanged_DeltaIsEmpty()
    {
        await AliceWithServicesAsync("alpha");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-same", "eu");
        var held = await ReadAsync(node);

        var delta = await ReadAsync(node, held.Revision);

        Assert.Equal((held.Revision, held.Revision), (delta.Revision, delta.BaseRevision));
        Assert.Empty(delta.Services);
        Assert.Null(delta.RemovedServices);
        Assert.Single(delta.ApplyTo(held)!.Services);
    }

    [Fact]
    public async Task DesiredState_BaseNotTheRevisionLastSent_GetsTheWholeState()
    {
        await AliceWithServicesAsync("alpha", "beta");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-stale", "eu");
        var other = await EdgeNodeClient.EnrolledAsync(Api, "edge-other", "eu");
        var held = await ReadAsync(node);

        var unknown = await ReadAsync(node, "0123456789abcdef");
        // A revision sent to another node is not this node's base.
        var otherNodes = await ReadAsync(other, held.Revision);

        Assert.Null(unknown.BaseRevision);
        Assert.Equal(2, unknown.Services.Count);
        Assert.Null(otherNodes.BaseRevision);
        Assert.Equal(2, otherNodes.Services.Count);
    }

    [Fact]
    public async Task DesiredState_SecretValueChanged_TheServiceTravelsWithItsNewValue_TheRevisionHoldsNoValue()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("configured", "payments"));
        await alice.PublishVersionAsync("configured", "1.0.0", Components.Config,
            "name = \"configured\"\n[variables]\ngreeting = { secret = true, required = true }\n");
        await alice.SetVariableAsync("configured", "greeting", "s3cret-one");
        await Api.DeployAsync("configured", "1.0.0");
        await AliceWithServicesAsync("alpha");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-secret", "eu");
        var held = await ReadAsync(node);

        await alice.SetVariableAsync("configured", "greeting", "s3cret-two");
        var delta = await ReadAsync(node, held.Revision);

        Assert.NotEqual(held.Revision, delta.Revision);
        var entry = Assert.Single(delta.Services);
        Assert.Equal("configured", entry.Service);
        Assert.Equal("s3cret-two", Assert.Single(entry.Versions).Capabilities.Variables["greeting"]);
        // The revision (shown on the node's /healthz) follows when a value changed, not the value: the first value set again
        // is a new revision, not the first one.
        await alice.SetVariableAsync("configured", "greeting", "s3cret-one");
        var again = await ReadAsync(node, delta.Revision);
        Assert.NotEqual(held.Revision, again.Revision);
        Assert.Equal("s3cret-one", Assert.Single(Assert.Single(again.Services).Versions).Capabilities.Variables["greeting"]);
    }

    /// <summary>
    /// A change to one service builds that service's entry once, for every node that sees it alike; the others' entries are
    /// the ones built before (at ten thousand services a node's turn costs what changed, not the fleet).
    /// </summary>
    [Fact]
    public async Task DesiredState_OneServiceChanged_ItsEntryIsBuiltOnce_ForEveryNodeAlike()
    {
        var alice = await AliceWithServicesAsync("one", "two", "three", "four");
        var first = await EdgeNodeClient.EnrolledAsync(Api, "edge-built-1", "eu");
        var second = await EdgeNodeClient.EnrolledAsync(Api, "edge-built-2", "eu");
        var held = await ReadAsync(first);
        await ReadAsync(second);
        var entries = Api.Services.GetRequiredService<Platform.Api.Features.Nodes.DesiredEntries>();
        var built = entries.Count;

        await alice.PublishVersionAsync("two", "1.1.0", Components.Hello, "name = \"two\"\n");
        await Api.DeployAsync("two", "1.1.0");
        var delta = await ReadAsync(first, held.Revision);
        var whole = await ReadAsync(second);

        Assert.Equal(built + 1, entries.Count);
        Assert.Equal("1.1.0", Assert.Single(Assert.Single(delta.Services).Versions).Version);
        Assert.Equal(delta.Revision, whole.Revision);
        Assert.Equal("1.1.0", Assert.Single(Assert.Single(whole.Services, s => s.Service == "two").Versions).Version);
    }

    /// <summary>A delta applied to what a node holds: the held entries without those removed or changed, with the changed ones, in name order (whatever order the delta came in).</summary>
    [Fact]
    public void ApplyTo_RandomDeltas_TheHeldStateWithTheChanges_InNameOrder()
    {
        var random = new Random(20261207);
        var node = Guid.NewGuid();
        static ServiceAssignmentDto Entry(string name, string route) => new(name, route, []);
        for (var round = 0; round < 300; round++)
        {
            var names = Enumerable.Range(0, random.Next(0, 30)).Select(_ => $"s{random.Next(50):00}").Distinct().Order(StringComparer.Ordinal).ToList();
            var held = new NodeDesiredStateDto(node, "r1", names.Select(n => Entry(n, "/old")).ToList());
            var changed = Enumerable.Range(0, random.Next(0, 6)).Select(_ => $"s{random.Next(50):00}").Distinct().Order(StringComparer.Ordinal)
                .Select(n => Entry(n, "/new")).ToList();
            if (random.Next(4) == 0) changed.Reverse();
            var removed = names.Where(n => random.Next(6) == 0 && changed.All(c => c.Service != n)).ToList();
            var delta = new NodeDesiredStateDto(node, "r2", changed, BaseRevision: "r1", RemovedServices: removed);

            var expected = held.Services.Where(s => !removed.Contains(s.Service) && changed.All(c => c.Service != s.Service)).Concat(changed)
                .OrderBy(s => s.Service, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, delta.ApplyTo(held)!.Services);
        }
    }

    [Fact]
    public void ApplyTo_DeltaAgainstAnotherRevision_IsNull_AskAgainForTheWholeState()
    {
        var held = new NodeDesiredStateDto(Guid.NewGuid(), "r1", []);
        var delta = new NodeDesiredStateDto(held.NodeId, "r3", [], BaseRevision: "r2");

        Assert.Null(delta.ApplyTo(held));
        Assert.Null(delta.ApplyTo(null));
        Assert.Same(held, held.ApplyTo(null));
    }
}
