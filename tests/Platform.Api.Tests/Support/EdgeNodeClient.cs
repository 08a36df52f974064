using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Contracts.Nodes;

namespace Platform.Api.Tests.Support;

/// <summary>Plays an edge node against the API: enrols (optionally with a saved node token) and then calls with its own token.</summary>
public sealed record EdgeNodeClient(HttpClient Http, EnrolNodeResponse Node)
{
    public static async Task<HttpResponseMessage> EnrolAsync(ApiFactory api, EnrolNodeRequest request, string enrolmentToken = ApiFactory.EnrolmentToken)
    {
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", enrolmentToken);
        return await http.PostAsJsonAsync("/api/v1/nodes/enrol", request);
    }

    public static async Task<EdgeNodeClient> EnrolledAsync(ApiFactory api, string name, string region, IReadOnlyDictionary<string, string>? labels = null)
    {
        var response = await EnrolAsync(api, new EnrolNodeRequest(name, region, "http://127.0.0.1:9999", labels));
        response.EnsureSuccessStatusCode();
        var node = (await response.Content.ReadFromJsonAsync<EnrolNodeResponse>())!;
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", node.NodeToken);
        return new EdgeNodeClient(http, node);
    }

    /// <summary>
    /// Enrols a new node and has a platform admin accept the region and labels it claimed, through the API as an admin
    /// would: what a test placing services by label needs (a claim alone selects nothing).
    /// </summary>
    public static async Task<EdgeNodeClient> EnrolledAndAcceptedAsync(ApiFactory api, string name, string region, IReadOnlyDictionary<string, string>? labels = null)
    {
        var node = await EnrolledAsync(api, name, region, labels);
        await (await api.SignInAsync("admin")).AcceptNodeLabelsAsync(node.Node.NodeId);
        return node;
    }

    public Task<HttpResponseMessage> DesiredStateAsync(string query = "") => Http.GetAsync($"/api/v1/nodes/{Node.NodeId}/desired-state{query}");

    public async Task<NodeDesiredStateDto> DesiredStateDtoAsync()
    {
        var response = await DesiredStateAsync();
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<NodeDesiredStateDto>())!;
    }

    public Task<HttpResponseMessage> HeartbeatAsync(NodeHeartbeatRequest heartbeat) =>
        Http.PostAsJsonAsync($"/api/v1/nodes/{Node.NodeId}/heartbeat", heartbeat);
}
