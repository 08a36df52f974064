using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Platform.Contracts.Nodes;
using Platform.EndToEnd.Tests.Support;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Node identity with real processes: a crashed and restarted edge node enrols again with the node token it saved in its
/// data folder, while someone holding only the enrolment token cannot take an enrolled name over.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class NodeIdentityJourneyTests(PlatformStack stack)
{
    [Fact]
    public async Task Restart_EdgeNodeEnrolsAgainWithItsSavedToken_ImpostorWithOnlyTheEnrolmentTokenRefused()
    {
        var admin = await stack.SignInAsync("admin");
        var before = (await admin.NodesAsync()).Single(n => n.Name == "edge-2");
        var restartedAt = DateTimeOffset.UtcNow;

        stack.Restart("edge-2");

        var after = await Eventually.UntilAsync(async () => (await admin.NodesAsync()).Single(n => n.Name == "edge-2"),
            n => n.EnrolledAt > restartedAt && n.LastHeartbeatAt > n.EnrolledAt && n.Online, TimeSpan.FromSeconds(60), "edge-2 enrolling again after a crash");
        Assert.Equal(before.Id, after.Id);

        using var impostor = new HttpClient { BaseAddress = new Uri(stack.ApiUrl) };
        impostor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformStack.EnrolmentToken);
        var takeover = await impostor.PostAsJsonAsync("api/v1/nodes/enrol", new EnrolNodeRequest("edge-1", "eu-west", "http://127.0.0.1:1"));

        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);
        var edge1 = (await admin.NodesAsync()).Single(n => n.Name == "edge-1");
        Assert.Equal((stack.EdgeUrls[0].TrimEnd('/'), true), (edge1.BaseUrl, edge1.Online));
        Assert.Contains(await admin.AuditAsync("node/edge-1"), e => e.Action == "node.enrol.refused");
    }
}
