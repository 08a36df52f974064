using Platform.Client;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.Contracts.Topics;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// Canaries of an event consumer, judged on its events alone (no HTTP request reaches either version while the rollout runs):
/// the nodes give the canary its weight's share of the keys, count each handled event like a request in the per-version
/// metrics of their heartbeats, and the real Deployer rolls a failing release back or promotes a healthy one by itself.
/// The consumer (tests/components-events/recorder) records every event it handles in each node's key-value store, read back
/// over HTTP: what stable handled, on which node and at which attempt.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ConsumerCanaryTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);
    private static readonly string Recorder = Path.Combine(RepositoryPaths.Root, "tests", "components-events", "recorder");
    private static readonly string FailingConsumer = Path.Combine(RepositoryPaths.Root, "tests", "components-events", "failing-consumer");

    /// <summary>Events handled each side (canary, baseline copy) needs for a pass: the test publishes 30–60 a second in all, and the
    /// baseline holds a quarter of the keys at 50%.</summary>
    private const int MinEvents = 20;

    private static readonly RolloutStrategyDto Canary = new(
    [
        new RolloutStepDto(SetWeight: 50),
        new RolloutStepDto(Analysis: new AnalysisSpecDto(DurationSeconds: 10, MinRequests: MinEvents, MinLatencySamples: MinEvents)),
        new RolloutStepDto(SetWeight: 100),
    ]);

    /// <summary>
    /// Three attempts 50 ms apart: a failing canary runs out of them long before any analysis can decide, so without stable
    /// taking an event's last attempt its events would end in the dead letters.
    /// </summary>
    private static string Manifest(string service, string topic) => $$"""
        name = "{{service}}"
        [capabilities]
        key_value_stores = ["default"]
        [[triggers]]
        topic = "{{topic}}"
        max_in_flight = 4
        retry = { max_attempts = 3, backoff_ms = 50, max_backoff_ms = 100 }
        """;

    [Fact]
    public async Task FailingConsumerCanary_RolledBackOnItsErrorRate_StableHandlesEveryEvent_NoneDeadLettered()
    {
        const string name = "consumer-errors", topic = "consumer-errors-orders";
        var alice = await StableConsumerAsync(name, topic);
        await alice.PublishVersionAsync(name, "1.1.0", WasmBuilder.Build(FailingConsumer), Manifest(name, topic));

        RolloutDto rollout;
        IReadOnlyList<PublishedEvent> beforeRollback, published;
        await using (var events = new EventGenerator(alice, topic, keys: 100))
        {
            var started = await alice.StartRolloutAsync(name, new StartRolloutRequest("1.1.0", Canary));
            rollout = await Eventually.UntilAsync(() => alice.RolloutAsync(started.Id), r => r.Phase is not ("pending" or "progressing"), Patience,
                "the consumer canary's verdict");
            await AssertEveryNodeServesOnlyAsync(name, "1.0.0");
            // Both nodes have put stable back: what is published from now on has no key on the canary.
            beforeRollback = events.Published;
            await Eventually.UntilAsync(() => Task.FromResult(events.Published.Count), n => n >= beforeRollback.Count + 100, Patience,
                "a hundred events published after the rollback");
            await events.StopAsync();
            published = events.Published;
        }

        Assert.Equal("failed", rollout.Phase);
        Assert.StartsWith("Analysis failed on ring 'all'", rollout.Message, StringComparison.Ordinal);
        Assert.Contains("Error rate: canary 100%", rollout.Message, StringComparison.Ordinal);
        var analysis = rollout.Analysis!;
        Assert.Equal("fail", analysis.Metrics.Single(m => m.Metric == "error-rate").Outcome);
        Assert.True(analysis.Canary.Errors > 0 && analysis.Canary.Errors == analysis.Canary.Requests, $"the canary's events all failed: {analysis.Canary}");
        Assert.Equal(0, analysis.Baseline!.Errors);
        Assert.All(rollout.Weights!, w => Assert.Equal((0, 0), (w.Weight, w.BaselineWeight)));
        var deployment = (await alice.ServiceAsync(name)).Deployment!;
        Assert.Equal(("1.0.0", null, 0), (deployment.StableVersion, deployment.CanaryVersion, deployment.CanaryWeight));
        Assert.All(deployment.Nodes, n => Assert.Equal(0, n.CanaryWeight));

        // Every event was handled by stable (the canary writes no history), those the canary failed on a later attempt;
        // none is a dead letter, and nothing published after the rollback met the canary.
        var handled = await HandledEveryEventAsync(name, published);
        Assert.Contains(handled, h => h.Attempt > 1);
        var afterRollback = published.Skip(beforeRollback.Count).Select(e => e.Data).ToHashSet();
        Assert.All(handled.Where(h => afterRollback.Contains(h.Data)), h => Assert.Equal(1, h.Attempt));
        Assert.Empty(await DeadLettersAsync(name, topic));
    }

    [Fact]
    public async Task HealthyConsumerCanary_PassesOnItsEvents_PromotedToEveryNode()
    {
        const string name = "consumer-healthy", topic = "consumer-healthy-orders";
        var alice = await StableConsumerAsync(name, topic);
        await alice.PublishVersionAsync(name, "1.1.0", WasmBuilder.Build(Recorder), Manifest(name, topic));

        RolloutDto rollout;
        IReadOnlyList<PublishedEvent> published;
        await using (var events = new EventGenerator(alice, topic, keys: 100))
        {
            var started = await alice.StartRolloutAsync(name, new StartRolloutRequest("1.1.0", Canary));
            rollout = await Eventually.UntilAsync(() => alice.RolloutAsync(started.Id), r => r.Phase is not ("pending" or "progressing"), Patience,
                "the consumer canary's verdict");
            await events.StopAsync();
            published = events.Published;
        }

        Assert.True(rollout.Phase == "succeeded", $"{rollout.Phase}: {rollout.Message}");
        Assert.Contains(rollout.Events, e => e.Kind == "analysis" && e.Message.StartsWith("Analysis passed", StringComparison.Ordinal));
        // No HTTP request reached the service during the rollout: the sample the analysis passed on is the events handled.
        var analysis = rollout.Analysis!;
        Assert.True(analysis.Canary.Requests >= MinEvents && analysis.Baseline!.Requests >= MinEvents, $"canary {analysis.Canary}, baseline {analysis.Baseline}");
        var deployment = (await alice.ServiceAsync(name)).Deployment!;
        Assert.Equal(("1.1.0", null), (deployment.StableVersion, deployment.CanaryVersion));
        await HandledEveryEventAsync(name, published);
        Assert.Empty(await DeadLettersAsync(name, topic));
    }

    /// <summary>A topic of payments and <paramref name="name"/> 1.0.0 (the recorder) consuming it on every node.</summary>
    private async Task<PlatformClient> StableConsumerAsync(string name, string topic)
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest(topic, "payments"));
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        await alice.PublishVersionAsync(name, "1.0.0", WasmBuilder.Build(Recorder), Manifest(name, topic));
        var first = await alice.StartRolloutAsync(name, "1.0.0");
        // A first version that consumes a topic and keeps a store waits for a platform admin.
        Assert.True(first.AwaitingApproval, "the first version's trigger awaits approval");
        await (await stack.SignInAsync("admin")).ApproveRolloutAsync(first.Id);
        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(first.Id), r => r.Phase is not ("pending" or "progressing"), Patience, "the first deployment");
        Assert.Equal("succeeded", done.Phase);
        return alice;
    }

    /// <summary>Waits until every published event is in a node's history, then checks nothing else is and each key's order.</summary>
    private async Task<IReadOnlyList<HandledEvent>> HandledEveryEventAsync(string name, IReadOnlyList<PublishedEvent> published)
    {
        var keys = published.Select(e => e.Key).Distinct().ToList();
        var expected = published.Select(e => e.Data).ToHashSet();
        var handled = await Eventually.UntilAsync(() => ConsumerHistories.ReadAsync(stack, name, keys),
            h => h.Select(e => e.Data).ToHashSet().IsSupersetOf(expected), Patience, $"all {expected.Count} events handled");
        Assert.Equal(expected.Order(), handled.Select(e => e.Data).Distinct().Order());
        ConsumerHistories.AssertEachKeyInPublishingOrder(handled, published);
        return handled;
    }

    private async Task AssertEveryNodeServesOnlyAsync(string name, string version)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        foreach (var edge in stack.EdgeUrls)
        {
            await Eventually.UntilAsync(async () =>
            {
                var answers = new List<string>();
                for (var i = 0; i < 10; i++) answers.Add((await http.GetAsync($"{edge}/{name}/")).Headers.GetValues("x-platform-version").Single());
                return answers;
            }, answers => answers.All(v => v == version), TimeSpan.FromSeconds(15), $"{edge} serving only {version}");
        }
    }

    /// <summary>The dead letters of <paramref name="service"/>'s trigger on <paramref name="topic"/>, as the API lists them.</summary>
    private async Task<List<string>> DeadLettersAsync(string service, string topic) =>
        (await (await stack.SignInAsync("alice")).DeadLettersAsync(service, topic)).Select(d => $"{d.Key}: {d.Data} ({d.Error})").ToList();
}
