using System.Diagnostics;
using System.Globalization;
using Platform.Client;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;

namespace Platform.Benchmarks.Rollout;

/// <summary>
/// The canary judge under live load, as a user meets it: the template service (http-json-c) on real edge nodes,
/// driven by wrk for the whole run, rolled out again and again with the strategy 20% → analysis → 100%.
/// Healthy versions differ from stable only in their greeting; every fifth rollout also ships a broken one, in
/// turn +1 ms of work per request or 500 on the path that gets 5% of the traffic. Reports the share of healthy
/// versions rolled back (false rollbacks) and how long the broken ones took to be rolled back.
/// </summary>
/// <param name="components">
/// Folder with healthy-a.wasm and healthy-b.wasm (greetings differ), slow.wasm and errors.wasm (see scripts/bench.sh).
/// </param>
/// <param name="wrkScript">The wrk script that sends 5% of the requests to the path the errors version fails on.</param>
/// <param name="loaded">How many of the edges wrk drives (the first ones); the others serve the rollouts idle.</param>
public sealed class JudgeBenchmark(PlatformClient client, string components, string wrkScript, IReadOnlyList<string> edges, int loaded)
{
    private const string Service = "bench-judge";
    private const int CanaryWeight = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private int _minor;

    private sealed record Result(string Kind, string Version, string Outcome, TimeSpan Took, string Detail);

    public async Task RunAsync(int healthyRollouts, int windowSeconds)
    {
        var strategy = new RolloutStrategyDto([
            new RolloutStepDto(SetWeight: CanaryWeight),
            new RolloutStepDto(Analysis: new AnalysisSpecDto(DurationSeconds: windowSeconds)),
            new RolloutStepDto(SetWeight: 100)]);
        var blobs = new[] { "healthy-a", "healthy-b", "slow", "errors" }
            .ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(components, $"{name}.wasm")));
        await client.CreateServiceAsync(new CreateServiceRequest(Service, "payments"));
        using var probe = new EdgeProbe(edges, Service);
        var stable = await PublishAsync(blobs["healthy-a"]);
        await client.StartRolloutAsync(Service, new StartRolloutRequest(stable));
        await probe.SeenEverywhereAsync(stable, Patience);

        var load = edges.Take(loaded).Select(StartWrk).ToList();
        var results = new List<Result>();
        try
        {
            // A few seconds of traffic before the first rollout: stable is hot, as in production.
            await Task.Delay(TimeSpan.FromSeconds(3));
            for (var i = 0; i < healthyRollouts; i++)
            {
                var healthy = await PublishAsync(blobs[i % 2 == 0 ? "healthy-b" : "healthy-a"]);
                var result = await RollOutAsync("healthy", healthy, strategy);
                results.Add(result);
                if (result.Outcome == "succeeded")
                {
                    stable = healthy;
                }
                if ((i + 1) % 5 == 0)
                {
                    var kind = (i + 1) / 5 % 2 == 1 ? "slow" : "errors";
                    var broken = await PublishAsync(blobs[kind]);
                    var caught = await RollOutAsync(kind, broken, strategy);
                    results.Add(caught);
                    if (caught.Outcome == "succeeded")
                    {
                        // Missed: put stable back so the next healthy version is judged against it.
                        await client.RollbackAsync(Service, new RollbackRequest(stable, "benchmark: a broken version was promoted"));
                        await probe.UntilOnlyAsync(stable, Stopwatch.GetTimestamp(), streak: 10, Patience);
                    }
                }
            }
        }
        finally
        {
            foreach (var wrk in load)
            {
                wrk.Kill();
                await wrk.WaitForExitAsync();
            }
        }
        Report(results, healthyRollouts, windowSeconds);
    }

    private async Task<string> PublishAsync(byte[] component)
    {
        var version = $"1.{_minor++}.0";
        // Each version gets a digest of its own (a custom section naming it), as every build of a real service does.
        await client.PublishVersionAsync(Service, version, Unique.Component(component, version), $"name = \"{Service}\"\n");
        return version;
    }

    private async Task<Result> RollOutAsync(string kind, string version, RolloutStrategyDto strategy)
    {
        var started = Stopwatch.GetTimestamp();
        var rollout = await client.StartRolloutAsync(Service, new StartRolloutRequest(version, strategy));
        while (true)
        {
            await Task.Delay(100);
            rollout = await client.RolloutAsync(rollout.Id);
            var took = Stopwatch.GetElapsedTime(started);
            if (rollout.Phase is not ("pending" or "progressing"))
            {
                var result = new Result(kind, version, rollout.Phase, took, Describe(rollout));
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{kind,-8} {version,-7} {rollout.Phase,-9} after {took.TotalSeconds,5:0.0} s  {result.Detail}"));
                return result;
            }
            if (rollout.Hold is { } hold || took > Patience)
            {
                // Inconclusive at the end of its window (or stuck): neither a pass nor a rollback; stop it and go on.
                await client.AbortRolloutAsync(rollout.Id, "benchmark: held");
                Console.Error.WriteLine($"{kind,-8} {version,-7} held: {rollout.Hold?.Reason ?? "no verdict in time"}");
                while ((await client.RolloutAsync(rollout.Id)).Phase is "pending" or "progressing")
                {
                    await Task.Delay(100);
                }
                return new Result(kind, version, "held", took, Describe(rollout));
            }
        }
    }

    private static string Describe(RolloutDto rollout)
    {
        if (rollout.Analysis is not { } analysis)
        {
            return rollout.Message;
        }
        var against = analysis.ComparedWith == "baseline" ? analysis.Baseline ?? analysis.Stable : analysis.Stable;
        var failed = analysis.Metrics.Where(m => m.Outcome == "fail").Select(m => $"{m.Metric}: {m.Reason}");
        var sides = string.Create(CultureInfo.InvariantCulture,
            $"canary {analysis.Canary.Requests} req p50 {analysis.Canary.P50Ms:0.000} ms, {analysis.ComparedWith} {against.Requests} req p50 {against.P50Ms:0.000} ms");
        return failed.Any() ? $"{sides}; {string.Join("; ", failed)}" : sides;
    }

    private void Report(List<Result> results, int healthyRollouts, int windowSeconds)
    {
        var healthy = results.Where(r => r.Kind == "healthy").ToList();
        var falseRollbacks = healthy.Count(r => r.Outcome == "failed");
        var held = healthy.Count(r => r.Outcome == "held");
        var share = healthy.Count == 0 ? 0 : (double)falseRollbacks / healthy.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"-- canary judge under live load: the http-json-c template service on {edges.Count} edge nodes, wrk on {loaded} of them, strategy {CanaryWeight}% → {windowSeconds} s analysis → 100%"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"healthy versions (differ only in the greeting): {healthy.Count} rollouts, {healthy.Count(r => r.Outcome == "succeeded")} promoted, {falseRollbacks} rolled back, {held} held"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"false rollbacks: {share:P1} (aim ≤ 5%: {(healthy.Count >= healthyRollouts && share <= 0.05 ? "met" : "missed")})"));
        foreach (var (kind, name) in new[] { ("slow", "+1 ms per request"), ("errors", "500 on the path with 5% of the traffic") })
        {
            var broken = results.Where(r => r.Kind == kind).ToList();
            if (broken.Count == 0)
            {
                continue;
            }
            var caught = broken.Where(r => r.Outcome == "failed").ToList();
            var times = caught.Select(r => r.Took.TotalMilliseconds).ToList();
            var when = times.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
                $", {Figures.Median(times) / 1000:0.0} s median from start ({times.Min() / 1000:0.0}–{times.Max() / 1000:0.0} s)");
            Console.WriteLine($"{name}: {caught.Count} of {broken.Count} rolled back{when} (aim: every one caught: {(caught.Count == broken.Count ? "met" : "missed")})");
            foreach (var r in broken)
            {
                Console.WriteLine($"    {r.Version}: {r.Outcome}; {r.Detail}");
            }
        }
        Console.WriteLine("healthy rollouts, one per line:");
        foreach (var r in healthy)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {r.Version}: {r.Outcome} after {r.Took.TotalSeconds:0.0} s; {r.Detail}"));
        }
    }

    private Process StartWrk(string edge)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t1", "-c4", "-d3600s", "-s", wrkScript, edge })
        {
            start.ArgumentList.Add(argument);
        }
        var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        wrk.OutputDataReceived += (_, _) => { };
        wrk.ErrorDataReceived += (_, _) => { };
        wrk.BeginOutputReadLine();
        wrk.BeginErrorReadLine();
        return wrk;
    }
}
