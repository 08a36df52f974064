using System.Net;
using System.Text.Json;
using Platform.Client;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>The source repository in the golden path: clone with a token, push to main, and the edge serves the change.</summary>
[Collection(StackCollection.Name)]
public sealed class PushToDeployTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PushToMain_ChangedHandler_BuiltAsNextPatchAndServedByEveryEdgeNode()
    {
        var anonymous = new PlatformClient(new HttpClient { BaseAddress = new Uri(stack.ApiUrl) });
        var session = await anonymous.SignInAsync("alice", "platform-demo");
        var alice = anonymous.WithToken(session.Token);
        await alice.CreateServiceAsync(new CreateServiceRequest("pushed", "payments", "http-json-c", null, "E2E push",
            new Dictionary<string, string?> { ["greeting"] = "Before the push" }));
        await WaitForRolloutAsync(alice, "0.1.0");
        // The service's policy: every later version goes out as a short canary.
        await alice.SetServiceStrategyAsync("pushed", new RolloutStrategyDto(
            [new RolloutStepDto(SetWeight: 50), new RolloutStepDto(Pause: new PauseDto(1)), new RolloutStepDto(SetWeight: 100)]));

        using var git = new GitCli();
        var url = new UriBuilder(stack.ApiUrl) { UserName = "alice", Password = session.Token, Path = "/git/pushed.git" }.Uri.ToString();
        var (cloned, cloneOutput) = await git.CloneAsync(url);
        Assert.True(cloned == 0, cloneOutput);
        var handler = git.Read("src/main.c").Replace("#define GREETING \"Before the push\"", "#define GREETING \"After the push\"", StringComparison.Ordinal);
        await git.CommitAsync("src/main.c", handler, "Say something else");
        await git.RunOkAsync("push", "origin", "main");

        var builds = await alice.BuildsAsync("pushed");
        var build = Assert.Single(builds, b => b.Version == "0.1.1");
        build = await Eventually.UntilAsync(() => alice.BuildAsync(build.Id), b => b.Status is "succeeded" or "failed", Patience, "the push-triggered build");
        Assert.True(build.Status == "succeeded", (await alice.BuildLogAsync(build.Id)).Text);
        var canary = await WaitForRolloutAsync(alice, "0.1.1");
        Assert.Equal("service", canary.StrategySource);
        Assert.Contains(canary.Events, e => e.Message == "Canary weight 50% on ring 'all'.");

        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
        {
            // The rollout's end is written before every node has read it (their desired state follows within a long poll).
            var response = await Eventually.UntilAsync(() => http.GetAsync(edge + "/pushed/"),
                r => r.StatusCode == HttpStatusCode.OK && r.Headers.GetValues("x-platform-version").Single() == "0.1.1", TimeSpan.FromSeconds(15),
                $"{edge} serving 0.1.1");
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("After the push", json.RootElement.GetProperty("message").GetString());
        }
    }

    private static async Task<RolloutDto> WaitForRolloutAsync(PlatformClient client, string version)
    {
        var rollouts = await Eventually.UntilAsync(() => client.RolloutsAsync("pushed"),
            r => r.Any(x => x.TargetVersion == version && x.Phase is "succeeded" or "failed" or "aborted"), Patience, $"the rollout of {version}");
        var rollout = rollouts.Single(r => r.TargetVersion == version);
        Assert.True(rollout.Phase == "succeeded", $"{rollout.Phase}: {rollout.Message}");
        return rollout;
    }
}
