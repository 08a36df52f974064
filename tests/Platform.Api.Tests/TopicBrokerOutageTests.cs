using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Topics;
using Platform.Testing;

namespace Platform.Api.Tests;

/// <summary>With nats-server gone: /readyz says so, a topic change answers 503 and leaves nothing behind; back, both work again.</summary>
public sealed class TopicBrokerOutageTests(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task NatsDown_ReadyzNamesIt_CreateRefusedWithNothingStored_ThenRecovers()
    {
        var alice = await Api.SignInAsync("alice");
        using var http = Api.CreateClient();
        await Api.Nats.StopAsync();
        try
        {
            using var notReady = await http.GetAsync("/readyz");
            var create = await Assert.ThrowsAsync<PlatformApiException>(() => alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments")));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Contains("\"nats\":\"NATS", await notReady.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.ServiceUnavailable, create.Status);
            Assert.Empty(await alice.TopicsAsync());
            Assert.Empty(await (await Api.SignInAsync("admin")).AuditAsync("topic/orders"));
        }
        finally
        {
            await Api.Nats.StartAsync();
        }

        var ready = HttpStatusCode.ServiceUnavailable;
        var started = System.Diagnostics.Stopwatch.StartNew();
        while (ready != HttpStatusCode.OK && started.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await http.GetAsync("/readyz"); // the client reconnects with backoff: bounded polling of a real process
            ready = response.StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("topic-orders", (await alice.CreateTopicAsync(new CreateTopicRequest("orders", "payments"))).Stream);
    }
}
