using System.Net;
using System.Text;
using Platform.Contracts.Services;
using Platform.Contracts.Settings;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A hostile tenant's outbound call, on the real processes: a service whose manifest allows "localhost" is refused
/// by every edge node after DNS resolution (nothing reaches the loopback server), until a platform admin allows
/// 127.0.0.0/8 through the API; the nodes receive that with their desired state.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class OutboundNetworkTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Fetch_NameResolvingToLoopback_RefusedUntilAnAdminAllowsTheNetwork()
    {
        using var server = new LoopbackServer();
        var target = $"http://localhost:{server.Port}/";
        var alice = await stack.SignInAsync("alice");
        var admin = await stack.SignInAsync("admin");
        await alice.CreateServiceAsync(new CreateServiceRequest("fetcher", "payments"));
        await alice.PublishVersionAsync("fetcher", "1.0.0", WasmBuilder.BuildTestComponent("fetch"),
            $"name = \"fetcher\"\n[capabilities]\nallowed_outbound_hosts = [\"http://localhost:{server.Port}\"]\n");
        var rollout = await alice.StartRolloutAsync("fetcher", "1.0.0");
        Assert.Equal([$"http://localhost:{server.Port}"], rollout.NewCapabilities!.OutboundHosts);
        await admin.ApproveRolloutAsync(rollout.Id);
        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Phase is "succeeded" or "failed", Patience, "the rollout");
        Assert.Equal("succeeded", done.Phase);

        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
        {
            var refused = await http.PostAsync(edge + "/fetcher", new StringContent(target, Encoding.UTF8));
            Assert.Equal(HttpStatusCode.BadGateway, refused.StatusCode);
            Assert.Contains("refused: 'localhost' resolves to", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, server.Accepted);

        try
        {
            await admin.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(AllowedOutboundNetworks: ["127.0.0.0/8"]));
            foreach (var edge in stack.EdgeUrls)
            {
                var allowed = await Eventually.UntilAsync(
                    async () => await (await http.PostAsync(edge + "/fetcher", new StringContent(target, Encoding.UTF8))).Content.ReadAsStringAsync(),
                    body => body == "200 hello", Patience, $"{edge} to receive the allowed network");
                Assert.Equal("200 hello", allowed);
            }
            Assert.Equal(stack.EdgeUrls.Count, server.Accepted);
        }
        finally
        {
            await admin.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest());
        }
    }
}
