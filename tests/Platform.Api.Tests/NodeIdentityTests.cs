using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;
using Platform.Data;

namespace Platform.Api.Tests;

/// <summary>A node is who its token says: no takeover by enrolling again, reports only for its own versions, revocation at once.</summary>
public sealed class NodeIdentityTests(ApiFactory api) : ApiTest(api)
{
    private static VersionMetricsDto Metrics(string service, string version, long requests, long errors) =>
        new(service, version, requests, errors, 0, 0, new LatencyHistogramDto([1, 10], [0, 0, requests], 1), new LatencySamplesDto(1, [1000]));

    [Fact]
    public async Task Enrol_ExistingNameWithOnlyTheEnrolmentToken_409NamingTheNode_OldTokenAndLabelsUnchanged()
    {
        var node = await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-a", "eu-west", new Dictionary<string, string> { ["tier"] = "edge" });

        var takeover = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "us-east", "http://evil.example", new Dictionary<string, string> { ["tier"] = "vault" }));

        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);
        var problem = (await takeover.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Contains("'edge-a' is already enrolled", problem.Detail);
        Assert.Equal(HttpStatusCode.OK, (await node.DesiredStateAsync()).StatusCode);
        var admin = await Api.SignInAsync("admin");
        var listed = Assert.Single(await admin.NodesAsync());
        Assert.Equal(("eu-west", "http://127.0.0.1:9999", "edge"), (listed.Region, listed.BaseUrl, listed.Labels!["tier"]));
        Assert.Contains(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.enrol.refused" && e.Details["reason"] == "Node already enrolled");
    }

    [Fact]
    public async Task Enrol_ExistingNameWithAnotherNodesToken_Refused()
    {
        await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var other = await EdgeNodeClient.EnrolledAsync(Api, "edge-b", "eu-west");

        var takeover = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "eu-west", "http://evil.example", null, other.Node.NodeToken));

        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);
    }

    [Fact]
    public async Task Enrol_ExistingNameWithItsOwnToken_UpdatesTheUrlKeepsTheToken_LabelsStayTheAdmins_Audited()
    {
        var node = await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-a", "eu-west");

        // A node (or whoever holds its token) asking for other labels would widen what it receives: services and their secrets.
        var again = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "us-east", "http://127.0.0.1:8081",
            new Dictionary<string, string> { ["tier"] = "vault" }, node.Node.NodeToken));

        again.EnsureSuccessStatusCode();
        var response = (await again.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        Assert.Equal((node.Node.NodeId, node.Node.NodeToken, "eu-west"), (response.NodeId, response.NodeToken, response.Region));
        Assert.Empty(response.Labels!);
        Assert.Equal(HttpStatusCode.OK, (await node.DesiredStateAsync()).StatusCode);
        var admin = await Api.SignInAsync("admin");
        var listed = Assert.Single(await admin.NodesAsync());
        Assert.Equal(("http://127.0.0.1:8081", "eu-west"), (listed.BaseUrl, listed.Region));
        Assert.False(listed.Labels!.ContainsKey("tier"));
        var kept = Assert.Single(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.enrol.labels-kept");
        Assert.Equal(("us-east", "tier=vault"), (kept.Details!["askedRegion"], kept.Details["askedLabels"]));
    }

    [Fact]
    public async Task SetLabels_Admin_NodeReceivesTheServicesPlacedThere_Audited_ReEnrolKeepsThem()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("vaulted", "payments"));
        await alice.PublishVersionAsync("vaulted", "1.0.0", Components.Hello, null);
        await alice.SetPlacementAsync("vaulted", new PlacementDto(new Dictionary<string, string> { ["tier"] = "vault" }));
        await Api.DeployAsync("vaulted", "1.0.0");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var before = await node.DesiredStateDtoAsync();
        Assert.Empty(before.Services);
        var admin = await Api.SignInAsync("admin");

        var updated = await admin.SetNodeLabelsAsync(node.Node.NodeId, new SetNodeLabelsRequest("us-east", new Dictionary<string, string> { ["tier"] = "vault" }));

        Assert.Equal(("us-east", "vault"), (updated.Region, updated.Labels!["tier"]));
        Assert.Equal(["vaulted"], (await node.DesiredStateDtoAsync()).Services.Select(s => s.Service));
        Assert.Null(updated.ClaimedRegion);
        // The region the node claimed at enrolment never counted; setting labels settles that claim.
        var entry = Assert.Single(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.labels");
        Assert.Equal(("user:admin", "tier=vault", "", "eu-west"),
            (entry.Actor, entry.Details!["labels"], entry.Details["previousRegion"], entry.Details["setAsideClaimedRegion"]));
        // The node restarting with its old configuration does not undo what the admin set.
        var again = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "eu-west", "http://127.0.0.1:8081", null, node.Node.NodeToken));
        Assert.Equal("vault", (await again.Content.ReadFromJsonAsync<EnrolNodeResponse>())!.Labels!["tier"]);
        Assert.Equal(["vaulted"], (await node.DesiredStateDtoAsync()).Services.Select(s => s.Service));
    }

    [Fact]
    public async Task SetLabels_Developer_Forbidden_BadLabel_400NamingIt_NothingChanged()
    {
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var alice = await Api.SignInAsync("alice");
        var admin = await Api.SignInAsync("admin");

        var forbidden = await Assert.ThrowsAsync<PlatformApiException>(() =>
            alice.SetNodeLabelsAsync(node.Node.NodeId, new SetNodeLabelsRequest("eu-west", new Dictionary<string, string> { ["tier"] = "vault" })));
        var invalid = await Assert.ThrowsAsync<PlatformApiException>(() =>
            admin.SetNodeLabelsAsync(node.Node.NodeId, new SetNodeLabelsRequest("eu-west", new Dictionary<string, string> { ["tier"] = "-vault" })));
        var fromNode = await node.Http.PutAsJsonAsync($"/api/v1/nodes/{node.Node.NodeId}/labels",
            new SetNodeLabelsRequest("eu-west", new Dictionary<string, string> { ["tier"] = "vault" }));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("labels.tier", invalid.Problem.Errors!.Keys);
        Assert.Equal(HttpStatusCode.Forbidden, fromNode.StatusCode);
        var listed = Assert.Single(await admin.NodesAsync());
        Assert.Equal((false, true), (listed.Labels!.ContainsKey("tier"), listed.LabelsPending));
        Assert.DoesNotContain(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.labels");
    }

    [Fact]
    public async Task Revoke_Admin_TokenRejectedAtOnce_ListedRevoked_Audited_NameRefusedUntilDeleted()
    {
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var before = await node.DesiredStateDtoAsync();
        var watch = node.DesiredStateAsync($"?after={before.Revision}&waitSeconds=30");
        var admin = await Api.SignInAsync("admin");

        var revoked = await admin.RevokeNodeAsync(node.Node.NodeId);

        Assert.True(revoked.Revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, (await watch.WaitAsync(TimeSpan.FromSeconds(10))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.DesiredStateAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await node.HeartbeatAsync(new NodeHeartbeatRequest("r", [], []))).StatusCode);
        var listed = Assert.Single(await admin.NodesAsync());
        Assert.Equal((true, false, "user:admin"), (listed.Revoked, listed.Online, listed.RevokedBy));
        Assert.Contains(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.revoke" && e.Actor == "user:admin");

        var back = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "eu-west", "http://127.0.0.1:9999", null, node.Node.NodeToken));
        Assert.Equal(HttpStatusCode.Conflict, back.StatusCode);
        Assert.Contains("was revoked", (await back.Content.ReadFromJsonAsync<ProblemDetails>())!.Detail);

        await admin.DeleteNodeAsync(node.Node.NodeId);
        var fresh = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        Assert.NotEqual(node.Node.NodeToken, fresh.Node.NodeToken);
        Assert.Contains(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.delete");
    }

    [Fact]
    public async Task Revoke_Developer_Forbidden_TokenKeepsWorking()
    {
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        var alice = await Api.SignInAsync("alice");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.RevokeNodeAsync(node.Node.NodeId));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Equal(HttpStatusCode.OK, (await node.DesiredStateAsync()).StatusCode);
    }

    [Fact]
    public async Task Heartbeat_OtherServicesMetricsAndReady_DroppedNotStoredNorShown_OwnKept()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("victim", "payments"));
        var victim = await alice.PublishVersionAsync("victim", "1.0.0", Components.Hello, null);
        await alice.SetPlacementAsync("victim", new PlacementDto(new Dictionary<string, string> { ["region"] = "us-east" }));
        await alice.CreateServiceAsync(new CreateServiceRequest("mine", "payments"));
        var mine = await alice.PublishVersionAsync("mine", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("victim", "1.0.0");
        await Api.DeployAsync("mine", "1.0.0");
        var attacker = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");

        var beat = await attacker.HeartbeatAsync(new NodeHeartbeatRequest("r1",
            [new ReadyVersionDto("victim", "1.0.0", victim.Digest), new ReadyVersionDto("mine", "1.0.0", mine.Digest), new ReadyVersionDto("mine", "9.9.9", mine.Digest)],
            [new FailedVersionDto("victim", "2.0.0", victim.Digest, "spoofed")],
            [Metrics("victim", "1.0.0", 1000, 900), Metrics("victim", "2.0.0", 1000, 0), Metrics("mine", "1.0.0", 10, 1)]));

        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
        Assert.Empty(await alice.ServiceMetricsAsync("victim"));
        Assert.Equal((10L, 1L), (await alice.ServiceMetricsAsync("mine")).Select(m => (m.Requests, m.Errors)).Single());
        var listed = Assert.Single(await alice.NodesAsync());
        Assert.Equal([$"mine@1.0.0={mine.Digest}"], listed.Ready);
        Assert.Empty(listed.Failed);
        // What a rollout's analysis reads is what is stored on the node: nothing of the victim's.
        await using var scope = Api.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Nodes.AsNoTracking().SingleAsync();
        Assert.Equal(["mine@1.0.0"], stored.Metrics.Select(m => $"{m.Service}@{m.Version}"));
    }

    /// <summary>Alice's services, each with 1.0.0 deployed; the digest of each.</summary>
    private async Task<(PlatformClient Alice, Dictionary<string, string> Digests)> DeployedAsync(params string[] names)
    {
        var alice = await Api.SignInAsync("alice");
        var digests = new Dictionary<string, string>();
        foreach (var name in names)
        {
            await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
            digests[name] = (await alice.PublishVersionAsync(name, "1.0.0", Components.Hello, null)).Digest;
            await Api.DeployAsync(name, "1.0.0");
        }
        return (alice, digests);
    }

    [Fact]
    public async Task Heartbeat_Partial_ReplacesWhatItNames_KeepsTheRestWhilePlaced()
    {
        var (alice, digests) = await DeployedAsync("one", "two", "three");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        List<ReadyVersionDto> ready = [.. digests.Select(d => new ReadyVersionDto(d.Key, "1.0.0", d.Value))];
        (await node.HeartbeatAsync(new NodeHeartbeatRequest("r1", ready, [],
            [Metrics("one", "1.0.0", 10, 0), Metrics("two", "1.0.0", 20, 1), Metrics("three", "1.0.0", 30, 2)]))).EnsureSuccessStatusCode();
        // "three" leaves this node (placed elsewhere): its stored counters go with it, although the node did not mention it.
        await alice.SetPlacementAsync("three", new PlacementDto(new Dictionary<string, string> { ["region"] = "us-east" }));

        var beat = await node.HeartbeatAsync(new NodeHeartbeatRequest("r1", null, null, [Metrics("one", "1.0.0", 15, 0)], Partial: true));

        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
        await using var scope = Api.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Nodes.AsNoTracking().SingleAsync();
        Assert.Equal([("one", 15L), ("two", 20L)], stored.Metrics.Select(m => (m.Service, m.Requests)).OrderBy(m => m.Service));
        Assert.Equal(3, stored.ReadyVersions.Count);
    }

    [Fact]
    public async Task Heartbeat_Changed_ReplacesOnlyTheServicesNamed_DropsEntriesForAnotherService()
    {
        var (alice, digests) = await DeployedAsync("one", "two", "three");
        var canary = (await alice.PublishVersionAsync("two", "1.1.0", Components.Hello, null)).Digest;
        await Api.DeployAsync("two", "1.0.0", canary: "1.1.0");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");
        (await node.HeartbeatAsync(new NodeHeartbeatRequest("r1",
            [new ReadyVersionDto("one", "1.0.0", digests["one"]), new ReadyVersionDto("two", "1.0.0", digests["two"])],
            [new FailedVersionDto("three", "1.0.0", digests["three"], "out of memory")]))).EnsureSuccessStatusCode();

        // "two" has its canary ready now, "three" loaded after all; a change for "one" lists "three"'s canary that does not exist.
        var beat = await node.HeartbeatAsync(new NodeHeartbeatRequest("r2", null, null, [], Partial: true, Changed:
        [
            new ServiceReadinessDto("three", [new ReadyVersionDto("three", "1.0.0", digests["three"])], []),
            new ServiceReadinessDto("two", [new ReadyVersionDto("two", "1.0.0", digests["two"]), new ReadyVersionDto("two", "1.1.0", canary)], []),
            new ServiceReadinessDto("one", [new ReadyVersionDto("one", "1.0.0", digests["one"]), new ReadyVersionDto("three", "9.9.9", canary)], []),
        ]));

        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
        await using var scope = Api.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Nodes.AsNoTracking().SingleAsync();
        Assert.Equal(["one@1.0.0", "three@1.0.0", "two@1.0.0", "two@1.1.0"], stored.ReadyVersions.Select(v => v[..v.IndexOf('=')]).Order(StringComparer.Ordinal));
        Assert.Empty(stored.FailedVersions);
        Assert.Equal("r2", stored.AppliedRevision);

        // A service that leaves the node's readiness (nothing of it ready any more) loses its entries; the others stay.
        (await node.HeartbeatAsync(new NodeHeartbeatRequest("r3", null, null, [], Partial: true, Changed: [new ServiceReadinessDto("two", [], [])])))
            .EnsureSuccessStatusCode();
        var after = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Nodes.AsNoTracking().SingleAsync();
        Assert.Equal(["one@1.0.0", "three@1.0.0"], after.ReadyVersions.Select(v => v[..v.IndexOf('=')]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Heartbeat_Partial_ForAnotherTeamsVersion_StillDropped()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("victim", "payments"));
        await alice.PublishVersionAsync("victim", "1.0.0", Components.Hello, null);
        await alice.SetPlacementAsync("victim", new PlacementDto(new Dictionary<string, string> { ["region"] = "us-east" }));
        await Api.DeployAsync("victim", "1.0.0");
        var attacker = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west");

        var beat = await attacker.HeartbeatAsync(new NodeHeartbeatRequest("r1", null, null, [Metrics("victim", "1.0.0", 1000, 900)], Partial: true));

        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
        Assert.Empty(await alice.ServiceMetricsAsync("victim"));
    }
}
