using Platform.Benchmarks.Rollout;
using Platform.Client;

// Rollout benchmarks against a running platform (scripts/bench.sh starts it):
//   timings <api-url> <component.wasm> <edge-url>... [--iterations N] [--service NAME]
//       how fast rollouts move (see RolloutTimings)
//   judge <api-url> <components-dir> <wrk-script> <edge-url>... [--rollouts N] [--window S] [--loaded K]
//       how fair and how sharp the canary judge is under live load (see JudgeBenchmark)
var mode = args[0];
var api = args[1];
List<string> Urls(int from) => args.Skip(from).TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

var client = new PlatformClient(new HttpClient { BaseAddress = new Uri(api) });
client = client.WithToken((await client.SignInAsync("alice", "platform-demo")).Token);
switch (mode)
{
    case "timings":
        await RolloutTimings.RunAsync(client, await File.ReadAllBytesAsync(args[2]), Urls(3), Option("--iterations", 5),
            args.SkipWhile(a => a != "--service").Skip(1).FirstOrDefault() ?? "bench-canary");
        break;
    case "judge":
        await new JudgeBenchmark(client, args[2], args[3], Urls(4), Option("--loaded", 2)).RunAsync(Option("--rollouts", 20), Option("--window", 15));
        break;
    default:
        Console.Error.WriteLine($"unknown mode {mode}: timings or judge");
        return 2;
}
return 0;
