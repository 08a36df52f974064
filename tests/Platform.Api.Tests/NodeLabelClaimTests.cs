using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>
/// Whoever holds the shared enrolment token can enrol a new node claiming any labels: the claim selects nothing (so brings no
/// service and no secret) until a platform admin accepts it.
/// </summary>
public sealed class NodeLabelClaimTests(ApiFactory api) : ApiTest(api)
{
    private const string SecretManifest = """
        name = "vault-svc"
        [variables]
        greeting = { secret = true, required = true }
        """;

    private static readonly Dictionary<string, string> Secure = new() { ["tier"] = "secure" };

    [Fact]
    public async Task Enrol_NewNodeClaimingTierSecure_GetsNeitherTheSecureServiceNorItsSecret_UntilAnAdminAccepts_Audited()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("vault-svc", "payments"));
        await alice.PublishVersionAsync("vault-svc", "1.0.0", Components.Config, SecretManifest);
        await alice.SetVariableAsync("vault-svc", "greeting", "s3cret-only-for-secure");
        await alice.SetPlacementAsync("vault-svc", new PlacementDto(Secure));
        await alice.CreateServiceAsync(new CreateServiceRequest("everywhere", "payments"));
        await alice.PublishVersionAsync("everywhere", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("vault-svc", "1.0.0");
        await Api.DeployAsync("everywhere", "1.0.0");

        var hostile = await EdgeNodeClient.EnrolledAsync(Api, "edge-h", "eu-west", Secure);

        Assert.Equal((null, "eu-west", "secure"), (hostile.Node.Region, hostile.Node.ClaimedRegion, hostile.Node.ClaimedLabels!["tier"]));
        Assert.Empty(hostile.Node.Labels!);
        var before = await hostile.DesiredStateDtoAsync();
        Assert.Equal(["everywhere"], before.Services.Select(s => s.Service));
        Assert.DoesNotContain("s3cret-only-for-secure", JsonSerializer.Serialize(before), StringComparison.Ordinal);
        Assert.Empty((await alice.PlacementAsync("vault-svc")).Nodes);
        var admin = await Api.SignInAsync("admin");
        var listed = Assert.Single(await admin.NodesAsync());
        Assert.Equal((true, null, "eu-west"), (listed.LabelsPending, listed.Region, listed.ClaimedRegion));
        Assert.Empty(listed.Labels!);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu-west", ["tier"] = "secure" }, listed.ClaimedLabels);

        var accepted = await admin.AcceptNodeLabelsAsync(hostile.Node.NodeId);

        Assert.Equal((false, "eu-west", "secure"), (accepted.LabelsPending, accepted.Region, accepted.Labels!["tier"]));
        Assert.Null(accepted.ClaimedLabels);
        var after = await hostile.DesiredStateDtoAsync();
        Assert.Equal(["everywhere", "vault-svc"], after.Services.Select(s => s.Service));
        Assert.Equal("s3cret-only-for-secure", after.Services.Single(s => s.Service == "vault-svc").Versions.Single().Capabilities.Variables["greeting"]);
        Assert.Equal(["edge-h"], (await alice.PlacementAsync("vault-svc")).Nodes);
        var entry = Assert.Single(await admin.AuditAsync("node/edge-h"), e => e.Action == "node.labels.accept");
        Assert.Equal(("user:admin", "eu-west", "tier=secure", ""), (entry.Actor, entry.Details!["region"], entry.Details["labels"], entry.Details["previousRegion"]));
        var enrolled = Assert.Single(await admin.AuditAsync("node/edge-h"), e => e.Action == "node.enrol");
        Assert.Equal(("eu-west", "tier=secure"), (enrolled.Details!["claimedRegion"], enrolled.Details["claimedLabels"]));
    }

    [Theory]
    [InlineData("""{"matchLabels":{"region":"eu-west"}}""")]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"NotIn","values":["public"]}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"DoesNotExist"}]}""")]
    [InlineData("""{"matchExpressions":[{"key":"zone","operator":"NotIn","values":["a"]}]}""")]
    public async Task DesiredState_NodeWithOnlyAClaim_NoPlacementWithASelectorReachesIt_AcceptedNodeJudgedOnItsLabels(string placement)
    {
        // An empty label set would meet NotIn and DoesNotExist: an unvetted node is not "a node without tier=public".
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("narrow", "payments"));
        await alice.PublishVersionAsync("narrow", "1.0.0", Components.Hello, null);
        await alice.SetPlacementAsync("narrow", JsonSerializer.Deserialize<PlacementDto>(placement, JsonSerializerOptions.Web)!);
        await Api.DeployAsync("narrow", "1.0.0");
        var claimed = await EdgeNodeClient.EnrolledAsync(Api, "edge-new", "eu-west");
        var vetted = await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-old", "eu-west");

        Assert.Empty((await claimed.DesiredStateDtoAsync()).Services);
        Assert.Equal(["narrow"], (await vetted.DesiredStateDtoAsync()).Services.Select(s => s.Service));
        Assert.Equal(["edge-old"], (await alice.PlacementAsync("narrow")).Nodes);
    }

    [Fact]
    public async Task AcceptLabels_DeveloperOrTheNodeItself_Forbidden_ClaimStillPending_NothingAudited()
    {
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west", Secure);
        var alice = await Api.SignInAsync("alice");

        var developer = await Assert.ThrowsAsync<PlatformApiException>(() => alice.AcceptNodeLabelsAsync(node.Node.NodeId));
        var itself = await node.Http.PostAsync($"/api/v1/nodes/{node.Node.NodeId}/labels/accept", null);

        Assert.Equal(HttpStatusCode.Forbidden, developer.Status);
        Assert.Equal(HttpStatusCode.Forbidden, itself.StatusCode);
        var admin = await Api.SignInAsync("admin");
        Assert.True(Assert.Single(await admin.NodesAsync()).LabelsPending);
        Assert.DoesNotContain(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.labels.accept");
        Assert.Empty((await node.DesiredStateDtoAsync()).Services);
    }

    [Fact]
    public async Task AcceptLabels_NothingPending_409ProblemNamingTheNode_UnknownNode404()
    {
        var node = await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-a", "eu-west", Secure);
        var admin = await Api.SignInAsync("admin");

        var again = await Assert.ThrowsAsync<PlatformApiException>(() => admin.AcceptNodeLabelsAsync(node.Node.NodeId));
        var unknown = await Assert.ThrowsAsync<PlatformApiException>(() => admin.AcceptNodeLabelsAsync(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Contains("'edge-a' has no claimed labels awaiting acceptance", again.Problem.Detail);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Single(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.labels.accept");
        Assert.Equal("secure", Assert.Single(await admin.NodesAsync()).Labels!["tier"]);
    }

    [Fact]
    public async Task Enrol_AgainWithItsTokenClaimingMore_TheFirstClaimStands_Audited()
    {
        // What an admin reviewed is what Accept accepts: the claim cannot be swapped between looking and clicking.
        var node = await EdgeNodeClient.EnrolledAsync(Api, "edge-a", "eu-west", new Dictionary<string, string> { ["tier"] = "edge" });

        var again = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "us-east", "http://127.0.0.1:8081", Secure, node.Node.NodeToken));
        var same = await EdgeNodeClient.EnrolAsync(Api, new EnrolNodeRequest("edge-a", "eu-west", "http://127.0.0.1:8081",
            new Dictionary<string, string> { ["tier"] = "edge" }, node.Node.NodeToken));

        again.EnsureSuccessStatusCode();
        same.EnsureSuccessStatusCode();
        var response = (await again.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        Assert.Equal(("eu-west", "edge"), (response.ClaimedRegion, response.ClaimedLabels!["tier"]));
        var admin = await Api.SignInAsync("admin");
        var accepted = await admin.AcceptNodeLabelsAsync(node.Node.NodeId);
        Assert.Equal(("eu-west", "edge"), (accepted.Region, accepted.Labels!["tier"]));
        var kept = Assert.Single(await admin.AuditAsync("node/edge-a"), e => e.Action == "node.enrol.labels-kept");
        Assert.Equal(("us-east", "tier=secure", "tier=edge"), (kept.Details!["askedRegion"], kept.Details["askedLabels"], kept.Details["claimedLabels"]));
    }
}
