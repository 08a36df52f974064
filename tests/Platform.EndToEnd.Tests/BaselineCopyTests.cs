using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The baseline copy of stable on real edge nodes: a rollout with analysis places it beside the canary with the
/// canary's weight, judges the canary against it on live traffic, and takes it away when the rollout ends.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class BaselineCopyTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task RolloutWithAnalysis_PlacesABaselineBesideTheCanary_AndRemovesItWhenPromoted()
    {
        const string name = "baseline-copy";
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        await alice.PublishVersionAsync(name, "1.0.0", WasmBuilder.BuildTestComponent("hello"), $"name = \"{name}\"\n");
        var first = await alice.StartRolloutAsync(name, "1.0.0");
        await Eventually.UntilAsync(() => alice.RolloutAsync(first.Id), r => r.Phase == "succeeded", Patience, "the first deployment");
        await alice.PublishVersionAsync(name, "1.1.0", WasmBuilder.BuildTestComponent("hello"), $"name = \"{name}\"\n");
        await using var traffic = new TrafficGenerator(stack.EdgeUrls.Select(u => $"{u}/{name}/").ToList());
        var rollout = await alice.StartRolloutAsync(name, new StartRolloutRequest("1.1.0", new RolloutStrategyDto(
        [
            new RolloutStepDto(SetWeight: 20),
            new RolloutStepDto(Analysis: new AnalysisSpecDto(DurationSeconds: 6, MinRequests: 20, MinLatencySamples: 20)),
            new RolloutStepDto(Pause: new PauseDto()),
            new RolloutStepDto(SetWeight: 100),
        ])));

        // The analysis passed and the rollout holds in its pause: canary 20%, baseline 20%, stable 60% on every node.
        var paused = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Step == 2 || r.Phase is not ("pending" or "progressing"), Patience, "the pause after the analysis");
        Assert.True(paused.Phase == "progressing", $"{paused.Phase}: {paused.Message}");
        Assert.Equal(20, Assert.Single(paused.Weights!).BaselineWeight);
        var analysis = paused.Analysis!;
        Assert.Equal(("pass", "baseline"), (analysis.Outcome, analysis.ComparedWith));
        Assert.True(analysis.Baseline!.Requests > 0, "the baseline served live traffic in the window");
        Assert.Contains("vs baseline", analysis.Metrics.Single(m => m.Metric == "latency").Reason);
        var during = await Eventually.UntilAsync(() => alice.ServiceMetricsAsync(name), m => m.Any(r => r.Baseline && r.Requests > 0), Patience, "baseline traffic in the live view");
        Assert.Equal(["1.0.0", "baseline (copy of 1.0.0)", "1.1.0"], during.Select(m => m.Label));
        Assert.All((await alice.ServiceAsync(name)).Deployment!.Nodes, n => Assert.Equal((20, 20), (n.CanaryWeight, n.BaselineWeight)));
        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
            Assert.Contains($"platform_edge_requests_total{{service=\"{name}\",version=\"1.0.0\",role=\"baseline\"}}", await http.GetStringAsync($"{edge}/metrics"));
        // The copy answers as 1.0.0: users see two versions, never a third.
        Assert.Equal(["1.0.0", "1.1.0"], traffic.Answers.Keys.Where(k => k != "unreachable").Select(k => k.Split(' ')[0]).Distinct().Order());

        await alice.PromoteRolloutAsync(rollout.Id);
        var done = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Phase != "progressing", Patience, "the promoted rollout");

        Assert.Equal("succeeded", done.Phase);
        Assert.All(done.Weights!, w => Assert.Equal(0, w.BaselineWeight));
        Assert.All((await alice.ServiceAsync(name)).Deployment!.Nodes, n => Assert.Equal(0, n.BaselineWeight));
        foreach (var edge in stack.EdgeUrls)
        {
            await Eventually.UntilAsync(() => http.GetStringAsync($"{edge}/metrics"),
                text => !text.Contains($"service=\"{name}\",version=\"1.0.0\",role=\"baseline\"", StringComparison.Ordinal), Patience, $"{edge} dropping the baseline");
        }
        await Eventually.UntilAsync(() => alice.ServiceMetricsAsync(name), m => !m.Any(r => r.Baseline), Patience, "the live view without the baseline");
    }
}
