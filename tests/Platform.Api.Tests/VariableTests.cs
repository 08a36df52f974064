using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>Variables and secrets: stored safely, shown never, delivered only where declared.</summary>
public sealed class VariableTests(ApiFactory api) : ApiTest(api)
{
    private const string Manifest = """
        name = "configured"
        [variables]
        greeting = { secret = true, required = true }
        colour = "blue"
        """;

    private async Task<PlatformClient> AliceWithServiceAsync()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("configured", "payments"));
        await alice.PublishVersionAsync("configured", "1.0.0", Components.Config, Manifest);
        return alice;
    }

    [Fact]
    public async Task SetSecret_ListAndAudit_NeverShowTheValue()
    {
        var alice = await AliceWithServiceAsync();
        await alice.SetVariableAsync("configured", "greeting", "s3cret-hello");

        var listed = Assert.Single(await alice.VariablesAsync("configured"));
        Assert.Equal(("greeting", true, (string?)null), (listed.Name, listed.Secret, listed.Value));
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/configured");
        var entry = Assert.Single(audit, e => e.Action == "variable.set");
        Assert.DoesNotContain(entry.Details.Values, v => v.Contains("s3cret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rollout_RequiredVariableUnset_RefusedNamingIt_ThenAcceptedOnceSet()
    {
        var alice = await AliceWithServiceAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartRolloutAsync("configured", "1.0.0"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("'greeting'", error.Problem.Detail);

        await alice.SetVariableAsync("configured", "greeting", "hello");
        Assert.Equal("pending", (await alice.StartRolloutAsync("configured", "1.0.0")).Phase);
    }

    [Fact]
    public async Task DesiredState_DeliversDecryptedSecretAndDefaults_OnlyDeclaredVariables()
    {
        var alice = await AliceWithServiceAsync();
        await alice.SetVariableAsync("configured", "greeting", "s3cret-hello");
        await alice.SetVariableAsync("configured", "undeclared", "must not leak");
        await Api.DeployAsync("configured", "1.0.0");

        var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var node = (await (await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest("edge-v", "eu", "http://127.0.0.1:1")))
            .Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        var state = (await http.GetFromJsonAsync<NodeDesiredStateDto>($"/api/v1/nodes/{node.NodeId}/desired-state"))!;

        var variables = Assert.Single(Assert.Single(state.Services).Versions).Capabilities.Variables;
        Assert.Equal(new Dictionary<string, string> { ["greeting"] = "s3cret-hello", ["colour"] = "blue" }, variables);
    }

    [Theory]
    [InlineData("Bad-Name", "variable")]
    [InlineData("ok_name", null)]
    public async Task Set_VariableName_ValidatedByName(string variable, string? field)
    {
        var alice = await AliceWithServiceAsync();
        if (field is null)
        {
            await alice.SetVariableAsync("configured", variable, "x");
            Assert.Contains(await alice.VariablesAsync("configured"), v => v.Name == variable && v.Value == "x");
            return;
        }
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetVariableAsync("configured", variable, "x"));
        Assert.Contains(field, error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task Set_OtherTeamsService_Forbidden()
    {
        await AliceWithServiceAsync();
        var bob = await Api.SignInAsync("bob");
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.SetVariableAsync("configured", "greeting", "x"));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
    }
}
