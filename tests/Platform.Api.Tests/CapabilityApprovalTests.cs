using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.Contracts.Settings;
using Platform.Data;
using Platform.Domain.Deployments.Strategy;

namespace Platform.Api.Tests;

/// <summary>
/// Capabilities are granted before traffic: a version that declares more than the service was granted (or a first
/// version that declares any, unless admins turn that off) waits for a platform admin, and no node's desired state
/// holds it meanwhile, so neither weights nor the x-platform-version header can reach it.
/// </summary>
public sealed class CapabilityApprovalTests(ApiFactory api) : ApiTest(api)
{
    private const string Grown = "name = \"shop\"\n[capabilities]\nallowed_outbound_hosts = [\"https://api.example.com\"]\nkey_value_stores = [\"carts\"]\n[variables]\ntoken = \"t\"\n";

    private async Task<PlatformClient> AliceWithServiceAsync(params (string Version, string Manifest)[] versions)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("shop", "payments"));
        foreach (var (version, manifest) in versions) await alice.PublishVersionAsync("shop", version, Components.Hello, manifest);
        return alice;
    }

    private async Task<NodeDesiredStateDto> DesiredStateAsync()
    {
        var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var node = (await (await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest($"edge-{Guid.NewGuid():N}"[..12], "eu", "http://127.0.0.1:1")))
            .Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        return (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;
    }

    /// <summary>Writes a deployment that serves <paramref name="canary"/> at 50% beside 1.0.0 (or alone): what a faulty writer could leave behind.</summary>
    private async Task PlaceDespiteTheGateAsync(string canary, bool alone = false)
    {
        using var scope = Api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var service = await db.Services.SingleAsync(s => s.Name == "shop");
        var versions = await db.ComponentVersions.Where(v => v.ServiceId == service.Id).ToDictionaryAsync(v => v.Version, v => v.Id);
        var deployment = await db.ServiceDeployments.SingleOrDefaultAsync(d => d.ServiceId == service.Id);
        if (deployment is null)
        {
            deployment = new Domain.Deployments.ServiceDeployment { ServiceId = service.Id, StableVersionId = versions[canary] };
            db.ServiceDeployments.Add(deployment);
        }
        // A strategy without analysis: no baseline copy of stable beside the canary, so the split is the two versions alone.
        if (!alone) deployment.SplitWith(versions[canary], new RolloutStrategy([new SetWeightStep(50)], []), [50], DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task FirstVersion_DeclaringCapabilities_AwaitsApprovalWithEverythingInTheDiff()
    {
        var alice = await AliceWithServiceAsync(("1.0.0", Grown));

        var rollout = await alice.StartRolloutAsync("shop", "1.0.0");

        Assert.Equal(("pending", true), (rollout.Phase, rollout.AwaitingApproval));
        Assert.Equal(["https://api.example.com"], rollout.NewCapabilities!.OutboundHosts);
        Assert.Equal(["carts"], rollout.NewCapabilities.KeyValueStores);
        Assert.Equal(["token"], rollout.NewCapabilities.Variables);
        Assert.Contains("a platform admin must approve a first version that declares any before it is placed on any node", rollout.Message);

        await PlaceDespiteTheGateAsync("1.0.0", alone: true);
        Assert.Empty((await DesiredStateAsync()).Services);
    }

    [Fact]
    public async Task FirstVersion_SettingTurnedOffByAnAdmin_NeedsNoApproval()
    {
        var alice = await AliceWithServiceAsync(("1.0.0", Grown));
        var admin = await Api.SignInAsync("admin");
        await admin.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(ApproveFirstVersions: false));

        var rollout = await alice.StartRolloutAsync("shop", "1.0.0");

        Assert.False(rollout.AwaitingApproval);
        Assert.True(rollout.NewCapabilities!.IsEmpty);
        await PlaceDespiteTheGateAsync("1.0.0", alone: true);
        Assert.Equal("1.0.0", Assert.Single(Assert.Single((await DesiredStateAsync()).Services).Versions).Version);
    }

    [Fact]
    public async Task Escalation_NoNodeGetsTheVersionUntilApproved_NonAdminCannotApprove()
    {
        var alice = await AliceWithServiceAsync(("1.0.0", "name = \"shop\"\n[capabilities]\nkey_value_stores = [\"carts\"]\n"), ("1.1.0", Grown));
        await Api.DeployAsync("shop", "1.0.0");

        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        Assert.True(rollout.AwaitingApproval);
        Assert.Equal(new[] { "outbound host https://api.example.com", "variable token" }, rollout.NewCapabilities!.Describe());
        await PlaceDespiteTheGateAsync("1.1.0");

        // The x-platform-version header picks only among the versions a node holds: 1.1.0 is not among them.
        var held = Assert.Single((await DesiredStateAsync()).Services);
        Assert.Equal([("1.0.0", 100)], held.Versions.Select(v => (v.Version, v.Weight)));
        var refused = await Assert.ThrowsAsync<PlatformApiException>(() => alice.ApproveRolloutAsync(rollout.Id));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

        var approved = await (await Api.SignInAsync("admin")).ApproveRolloutAsync(rollout.Id);

        Assert.Equal(("admin", false), (approved.ApprovedBy, approved.AwaitingApproval));
        var placed = Assert.Single((await DesiredStateAsync()).Services);
        Assert.Equal([("1.0.0", 50), ("1.1.0", 50)], placed.Versions.Select(v => (v.Version, v.Weight)));
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/shop");
        Assert.Contains(audit, e => e.Action == "rollout.approve" && e.Actor == "user:admin");
    }

    [Fact]
    public async Task Escalation_ALongPollingNode_GetsTheVersionWhenApproved_AndTheNewNetworksWhenSet()
    {
        // What the API holds in memory between a node's turns (the withheld versions, the allowed networks) is refreshed by
        // the database's notifications: an approval and a settings change reach a node that waits, at once.
        await Api.DesiredStateListeningAsync();
        var alice = await AliceWithServiceAsync(("1.0.0", "name = \"shop\"\n"), ("1.1.0", Grown));
        await Api.DeployAsync("shop", "1.0.0");
        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        await PlaceDespiteTheGateAsync("1.1.0");
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-approval", "eu");
        var held = await node.DesiredStateDtoAsync();
        Assert.Equal([("1.0.0", 100)], Assert.Single(held.Services).Versions.Select(v => (v.Version, v.Weight)));

        var poll = node.DesiredStateAsync($"?after={held.Revision}&waitSeconds=20&base={held.Revision}");
        var admin = await Api.SignInAsync("admin");
        await admin.ApproveRolloutAsync(rollout.Id);
        var delta = await ReadStateAsync(await poll);

        Assert.NotEqual(held.Revision, delta.Revision);
        Assert.Equal([("1.0.0", 50), ("1.1.0", 50)], Assert.Single(delta.Services).Versions.Select(v => (v.Version, v.Weight)));

        poll = node.DesiredStateAsync($"?after={delta.Revision}&waitSeconds=20&base={delta.Revision}");
        await admin.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(AllowedOutboundNetworks: ["10.20.0.0/16"]));
        var networks = await ReadStateAsync(await poll);

        Assert.Equal(["10.20.0.0/16"], networks.AllowedOutboundNetworks);
        Assert.Empty(networks.Services);
    }

    private static async Task<NodeDesiredStateDto> ReadStateAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<NodeDesiredStateDto>())!;
    }

    [Fact]
    public async Task Emergency_NewCapabilities_StillAwaitApproval()
    {
        var alice = await AliceWithServiceAsync(("1.0.0", "name = \"shop\"\n"), ("1.1.0", Grown));
        await Api.DeployAsync("shop", "1.0.0");

        var rollout = await alice.StartRolloutAsync("shop", new StartRolloutRequest("1.1.0", EmergencyReason: "checkout is down"));

        Assert.Equal(("emergency", true), (rollout.StrategySource, rollout.AwaitingApproval));
    }

    [Fact]
    public async Task Rollback_ToAVersionThatServedEveryNode_NeedsNoNewApproval()
    {
        var alice = await AliceWithServiceAsync(("1.0.0", "name = \"shop\"\n"), ("1.1.0", Grown), ("1.2.0", "name = \"shop\"\n"));
        await Api.DeployAsync("shop", "1.0.0");
        var grown = await alice.StartRolloutAsync("shop", "1.1.0");
        await (await Api.SignInAsync("admin")).ApproveRolloutAsync(grown.Id);
        await Api.FinishAsync(grown.Id, succeed: true);
        await Api.FinishAsync((await alice.StartRolloutAsync("shop", "1.2.0")).Id, succeed: true);

        var rollback = await alice.RollbackAsync("shop", new RollbackRequest("1.1.0"));

        Assert.Equal(("rollback", false), (rollback.StrategySource, rollback.AwaitingApproval));
        Assert.True(rollback.NewCapabilities!.IsEmpty);
    }

    [Fact]
    public async Task Settings_OnlyAdminsChangeThem_ValidatedAuditedAndDeliveredToNodes()
    {
        var alice = await Api.SignInAsync("alice");
        var admin = await Api.SignInAsync("admin");
        Assert.Equal((true, 0), ((await alice.CapabilitySettingsAsync()).ApproveFirstVersions, (await alice.CapabilitySettingsAsync()).AllowedOutboundNetworks.Count));

        var forbidden = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(false, ["127.0.0.0/8"])));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        var invalid = await Assert.ThrowsAsync<PlatformApiException>(() => admin.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(true, ["10.0.0.0/8", "127.0.0.1/8"])));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Contains("127.0.0.0/8", Assert.Single(invalid.Problem.Errors!["allowedOutboundNetworks[1]"]));

        var set = await admin.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(true, ["127.0.0.0/8", "::1/128"]));

        Assert.Equal(["127.0.0.0/8", "::1/128"], set.AllowedOutboundNetworks);
        Assert.Equal("user:admin", set.UpdatedBy);
        Assert.Equal(["127.0.0.0/8", "::1/128"], (await DesiredStateAsync()).AllowedOutboundNetworks);
        var entry = Assert.Single(await admin.AuditAsync("platform/capabilities"));
        Assert.Equal(("settings.capabilities.set", "127.0.0.0/8, ::1/128"), (entry.Action, entry.Details["allowedOutboundNetworks"]));
    }
}
