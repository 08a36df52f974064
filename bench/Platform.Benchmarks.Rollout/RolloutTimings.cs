using System.Diagnostics;
using System.Globalization;
using Platform.Client;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;

namespace Platform.Benchmarks.Rollout;

/// <summary>
/// How long the platform takes to move every node through a three-step canary with zero pauses, against an
/// emergency (no canary) rollout measured in the same run, and how long after an abort every node serves stable again.
/// </summary>
public static class RolloutTimings
{
    /// <param name="service">The service to create and roll out (a new one per run).</param>
    public static async Task RunAsync(PlatformClient client, byte[] component, IReadOnlyList<string> edges, int iterations, string service = "bench-canary")
    {
        var timeout = TimeSpan.FromMinutes(2);

        await client.CreateServiceAsync(new CreateServiceRequest(service, "payments"));
        using var probe = new EdgeProbe(edges, service);
        var minor = 0;

        async Task<string> PublishAsync()
        {
            var version = $"1.{minor++}.0";
            // Each version gets its own digest (a custom section naming it), so every rollout ships and compiles a new blob.
            await client.PublishVersionAsync(service, version, Unique.Component(component, version), $"name = \"{service}\"\n");
            return version;
        }

        async Task<RolloutDto> FinishedAsync(Guid id)
        {
            while (true)
            {
                var rollout = await client.RolloutAsync(id);
                if (rollout.Phase is not ("pending" or "progressing")) return rollout;
                await Task.Delay(20);
            }
        }

        async Task<TimeSpan> RollOutAsync(StartRolloutRequest request)
        {
            var started = Stopwatch.GetTimestamp();
            var rollout = await client.StartRolloutAsync(service, request);
            var served = await probe.UntilOnlyAsync(request.Version, started, streak: 10, timeout);
            var done = await FinishedAsync(rollout.Id);
            if (done.Phase != "succeeded") throw new InvalidOperationException($"Rollout of {request.Version} {done.Phase}: {done.Message}");
            return served;
        }

        var stable = await PublishAsync();
        await RollOutAsync(new StartRolloutRequest(stable));
        var threeSteps = new RolloutStrategyDto([new RolloutStepDto(SetWeight: 33), new RolloutStepDto(SetWeight: 66), new RolloutStepDto(SetWeight: 100)]);
        var heldCanary = new RolloutStrategyDto([new RolloutStepDto(SetWeight: 50), new RolloutStepDto(Pause: new PauseDto())]);
        var (emergency, canary, abort) = (new List<double>(), new List<double>(), new List<double>());

        for (var i = 0; i < iterations; i++)
        {
            var immediate = await PublishAsync();
            emergency.Add((await RollOutAsync(new StartRolloutRequest(immediate, EmergencyReason: "benchmark baseline"))).TotalMilliseconds);
            var stepped = await PublishAsync();
            canary.Add((await RollOutAsync(new StartRolloutRequest(stepped, threeSteps))).TotalMilliseconds);

            var aborted = await PublishAsync();
            var held = await client.StartRolloutAsync(service, new StartRolloutRequest(aborted, heldCanary));
            await probe.SeenEverywhereAsync(aborted, timeout);
            var asked = Stopwatch.GetTimestamp();
            await client.AbortRolloutAsync(held.Id, "benchmark");
            abort.Add((await probe.UntilOnlyAsync(stepped, asked, streak: 20, timeout)).TotalMilliseconds);
            await FinishedAsync(held.Id);
            Console.Error.WriteLine($"iteration {i + 1}: emergency {emergency[^1]:0} ms, three-step canary {canary[^1]:0} ms, abort → stable {abort[^1]:0} ms");
        }

        Console.WriteLine($"-- rollouts of {service} on {edges.Count} edge nodes, {iterations} iterations (new digest every version)");
        Console.WriteLine(Figures.Line("emergency rollout (baseline): start → 100%", emergency));
        Console.WriteLine(Figures.Line("three-step canary, zero pauses: start → 100%", canary));
        Console.WriteLine(Figures.Line("abort → every node serving stable", abort));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"canary / emergency ratio: {Figures.Median(canary) / Figures.Median(emergency):0.00}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"aims: three-step canary under 3000 ms ({(Figures.Median(canary) < 3000 ? "met" : "missed")}), abort under 1000 ms ({(Figures.Median(abort) < 1000 ? "met" : "missed")})"));
    }
}
