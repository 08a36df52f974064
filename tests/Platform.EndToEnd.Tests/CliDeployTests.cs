using Platform.Cli;
using Platform.Contracts.Identity;
using Platform.Contracts.Services;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// A CI job drives the real platform with the `platform` CLI and a personal token: publish, deploy and wait for
/// the verdict, an emergency release, a rollback; the edge nodes answer with each version in turn.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CliDeployTests(PlatformStack stack)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CiJob_PublishesDeploysWaitsAndRollsBack_EdgesServeEachVersion()
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("cli-shipped", "payments"));
        var token = (await alice.CreateTokenAsync(new CreateTokenRequest("ci", ["read", "write"], 1))).Secret;
        var work = Directory.CreateTempSubdirectory("platform-ci-").FullName;
        await File.WriteAllBytesAsync(Path.Combine(work, "hello.wasm"), WasmBuilder.BuildTestComponent("hello"));
        await File.WriteAllBytesAsync(Path.Combine(work, "echo.wasm"), WasmBuilder.BuildTestComponent("echo"));
        // The CI pipeline traces its steps: each command joins the step's trace (TRACEPARENT), so the rollout it starts is part of it.
        var pipeline = System.Diagnostics.ActivityTraceId.CreateRandom().ToHexString();
        async Task<(int Exit, string Output, string Error)> Platform(params string[] args)
        {
            var environment = new CliEnvironment(stack.ApiUrl, token, Path.Combine(work, "credentials.json"), () => new SocketsHttpHandler(), TextReader.Null)
            {
                PollInterval = TimeSpan.FromMilliseconds(250),
                TraceParent = $"00-{pipeline}-{System.Diagnostics.ActivitySpanId.CreateRandom().ToHexString()}-01",
                OtlpEndpoint = stack.Telemetry.Endpoint,
            };
            var (output, error) = (new StringWriter(), new StringWriter());
            var exit = await PlatformCli.RunAsync(args, environment, output, error);
            return (exit, output.ToString(), error.ToString());
        }

        var first = await Platform("publish", "cli-shipped", "1.0.0", "--component", Path.Combine(work, "hello.wasm"));
        var deployed = await Platform("deploy", "cli-shipped", "1.0.0", "--wait", "--timeout", "90");
        await ServedEverywhereAsync("1.0.0");
        await Platform("publish", "cli-shipped", "1.1.0", "--component", Path.Combine(work, "echo.wasm"));
        var hotfix = await Platform("deploy", "cli-shipped", "1.1.0", "--emergency", "hotfix from CI", "--wait", "--timeout", "90");
        await ServedEverywhereAsync("1.1.0");
        var rollback = await Platform("rollback", "cli-shipped", "--to", "1.0.0", "--reason", "echo answers the wrong thing");
        await ServedEverywhereAsync("1.0.0");

        Assert.Equal((0, 0, 0, 0), (first.Exit, deployed.Exit, hotfix.Exit, rollback.Exit));
        Assert.Contains("succeeded", deployed.Output);
        Assert.Contains("succeeded", hotfix.Output);
        Assert.Contains("back to 1.0.0", rollback.Output);
        Assert.Contains($"Trace {pipeline}", deployed.Output);
        await Poll.UntilAsync(() => stack.Telemetry.Trace(pipeline).Any(s => s is { Service: "platform-deployer", Name: "rollout.pass" })
                && stack.Telemetry.Trace(pipeline).Any(s => s is { Service: "platform-edge", Name: Traces.EdgeApply }),
            TimeSpan.FromSeconds(30), "the rollouts' passes and the nodes' work, in the pipeline's trace");
        // The CLI's own span for each command, and the API's work for a deploy under it.
        Assert.Contains(stack.Telemetry.Trace(pipeline), s => s is { Service: "platform-cli", Name: "platform deploy" }
            && stack.Telemetry.Trace(pipeline).Any(api => api.Service == "platform-api" && Traces.PathToRoot(stack.Telemetry, api).Any(p => p.SpanId == s.SpanId)
                && api.Name.StartsWith("POST /api/v1/services/{name}/rollouts", StringComparison.Ordinal)));
        Assert.Contains(stack.Telemetry.Trace(pipeline), s => s is { Service: "platform-cli", Name: "platform rollback" });
    }

    private async Task ServedEverywhereAsync(string version)
    {
        using var http = new HttpClient();
        foreach (var edge in stack.EdgeUrls)
        {
            await Eventually.UntilAsync(async () =>
            {
                using var response = await http.GetAsync($"{edge}/cli-shipped/");
                return response.Headers.TryGetValues("x-platform-version", out var values) ? values.First() : "";
            }, served => served == version, Patience, $"{edge} serving {version}");
        }
    }
}
