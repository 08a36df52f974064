using System.Net;
using System.Text.Json;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>Placement: a service runs on the nodes its placement selects, and a node sees only what is placed on it.</summary>
public sealed class PlacementTests(ApiFactory api) : ApiTest(api)
{
    private const string SecretManifest = """
        name = "vault-svc"
        [variables]
        greeting = { secret = true, required = true }
        """;

    private static PlacementDto Region(string region) => new(new Dictionary<string, string> { ["region"] = region });

    [Fact]
    public async Task DesiredState_ServicePlacedOnlyOnOtherNode_AbsentWithItsSecret()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("vault-svc", "payments"));
        await alice.PublishVersionAsync("vault-svc", "1.0.0", Components.Config, SecretManifest);
        await alice.SetVariableAsync("vault-svc", "greeting", "s3cret-only-for-us");
        await alice.CreateServiceAsync(new CreateServiceRequest("everywhere", "payments"));
        await alice.PublishVersionAsync("everywhere", "1.0.0", Components.Hello, null);
        var a = await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-a", "eu-west");
        var b = await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-b", "us-east", new Dictionary<string, string> { ["tier"] = "vault" });

        var placed = await alice.SetPlacementAsync("vault-svc", new PlacementDto(new Dictionary<string, string> { ["tier"] = "vault" },
            [new LabelRequirementDto("region", "In", ["us-east", "ap-south"])]));
        await Api.DeployAsync("vault-svc", "1.0.0");
        await Api.DeployAsync("everywhere", "1.0.0");

        Assert.False(placed.EveryNode);
        Assert.Equal(["edge-b"], placed.Nodes);
        var onA = await a.DesiredStateDtoAsync();
        Assert.Equal(["everywhere"], onA.Services.Select(s => s.Service));
        Assert.DoesNotContain("s3cret-only-for-us", JsonSerializer.Serialize(onA), StringComparison.Ordinal);
        var onB = await b.DesiredStateDtoAsync();
        Assert.Equal(["everywhere", "vault-svc"], onB.Services.Select(s => s.Service));
        Assert.Equal("s3cret-only-for-us", onB.Services.Single(s => s.Service == "vault-svc").Versions.Single().Capabilities.Variables["greeting"]);
    }

    [Fact]
    public async Task GetService_ShowsPlacementAndOnlyPlacedNodes_ResetRunsEverywhere()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("placed", "payments"));
        await alice.PublishVersionAsync("placed", "1.0.0", Components.Hello, null);
        await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-a", "eu-west");
        await EdgeNodeClient.EnrolledAndAcceptedAsync(Api, "edge-b", "us-east");
        await Api.DeployAsync("placed", "1.0.0");

        await alice.SetPlacementAsync("placed", Region("us-east"));
        var service = await alice.ServiceAsync("placed");

        Assert.Equal("us-east", service.Placement!.Placement.MatchLabels!["region"]);
        Assert.Equal(["edge-b"], service.Placement.Nodes);
        Assert.Equal(["edge-b"], service.Deployment!.Nodes.Select(n => n.Node));
        var reset = await alice.SetPlacementAsync("placed", new PlacementDto());
        Assert.True(reset.EveryNode);
        Assert.Equal(["edge-a", "edge-b"], reset.Nodes);
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/placed");
        Assert.Equal(["""{"matchLabels":{"region":"us-east"},"matchExpressions":[]}""", "every node"],
            audit.Where(e => e.Action == "service.placement").OrderBy(e => e.Id).Select(e => e.Details["placement"]));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"region","operator":"Near","values":["eu"]}]}""", "matchExpressions[0].operator")]
    [InlineData("""{"matchExpressions":[{"key":"region","operator":"In","values":[]}]}""", "matchExpressions[0].values")]
    [InlineData("""{"matchExpressions":[{"key":"tier","operator":"Exists","values":["x"]}]}""", "matchExpressions[0].values")]
    [InlineData("""{"matchLabels":{"region":"eu west"}}""", "matchLabels.region")]
    [InlineData("""{"matchLabels":{"-bad":"x"}}""", "matchLabels.-bad")]
    public async Task SetPlacement_Invalid_ProblemNamesTheField_NothingChanged(string body, string field)
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("placed", "payments"));
        var placement = JsonSerializer.Deserialize<PlacementDto>(body, JsonSerializerOptions.Web)!;

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetPlacementAsync("placed", placement));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains(field, error.Problem.Errors!.Keys);
        Assert.True((await alice.PlacementAsync("placed")).EveryNode);
    }

    [Fact]
    public async Task SetPlacement_OtherTeamsService_Forbidden()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("placed", "payments"));
        var bob = await Api.SignInAsync("bob");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.SetPlacementAsync("placed", Region("eu-west")));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.True((await alice.PlacementAsync("placed")).EveryNode);
    }

    [Fact]
    public async Task SetPlacement_Admin_AllowedForAnyService()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("placed", "payments"));

        var placed = await (await Api.SignInAsync("admin")).SetPlacementAsync("placed", Region("eu-west"));

        Assert.False(placed.EveryNode);
    }
}
