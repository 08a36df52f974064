using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Api.Tests.Support;
using Platform.Contracts.Nodes;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>A service's own origin on each node ("&lt;service&gt;.&lt;the node's service domain&gt;") is its primary URL.</summary>
public sealed class ServiceOriginTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Get_NodeWithServiceDomainReady_ListsOwnOriginAsPrimaryAndPathUrlAsSecondary()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("edge-hello", "payments"));
        var version = await alice.PublishVersionAsync("edge-hello", "1.0.0", Components.Hello, null);
        await Api.DeployAsync("edge-hello", "1.0.0");
        await EnrolReadyAsync("edge-a", "http://127.0.0.1:9999", "Edge.Example.com", version.Digest);
        await EnrolReadyAsync("edge-b", "https://edge-b.internal", null, version.Digest);

        var service = await alice.ServiceAsync("edge-hello");

        Assert.Equal(["http://edge-hello.edge.example.com:9999/"], service.PrimaryUrls);
        Assert.Equal(["http://127.0.0.1:9999/edge-hello", "https://edge-b.internal/edge-hello"], service.Urls);
        var nodes = service.Deployment!.Nodes.ToDictionary(n => n.Node);
        Assert.Equal("http://edge-hello.edge.example.com:9999/", nodes["edge-a"].PrimaryUrl);
        Assert.Null(nodes["edge-b"].PrimaryUrl);
    }

    [Theory]
    [InlineData("not a domain")]
    [InlineData("edge_example.com")]
    [InlineData("http://edge.example.com")]
    public async Task Enrol_ServiceDomainNotADnsName_ValidationProblemNamesTheField(string domain)
    {
        using var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);

        using var response = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest("edge-x", "eu", "http://127.0.0.1:1", ServiceDomain: domain));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("serviceDomain", await response.Content.ReadAsStringAsync());
    }

    private async Task EnrolReadyAsync(string name, string baseUrl, string? domain, string digest)
    {
        using var http = Api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.EnrolmentToken);
        var enrolled = await http.PostAsJsonAsync("/api/v1/nodes/enrol", new EnrolNodeRequest(name, "eu-west", baseUrl, ServiceDomain: domain));
        enrolled.EnsureSuccessStatusCode();
        var node = (await enrolled.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        using var beat = await http.PostAsJsonAsync($"/api/v1/nodes/{node.NodeId}/heartbeat",
            new NodeHeartbeatRequest("rev1", [new ReadyVersionDto("edge-hello", "1.0.0", digest)], []));
        Assert.Equal(HttpStatusCode.NoContent, beat.StatusCode);
    }
}
