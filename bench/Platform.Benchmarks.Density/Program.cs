using System.Diagnostics;
using System.Globalization;
using Platform.Benchmarks.Density;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Components;
using Platform.EdgeRuntime.Hosting;
using Wasmtime.Components;

// Density benchmark (scripts/bench.sh, BENCH_ONLY=density): one edge node (a Release build, its own process) with many
// services placed on it, each with a component of its own, from a control plane stub.
//   <edge-node.dll> <component.wasm> <out-dir> [--services N] [--baseline M] [--cold K] [--resident R]
// For M and then N services: the node's resident memory once it serves them all, then K requests to services whose
// versions are parked (each once: a cold load from the disk cache) against requests to a warm one in the same run.
var nodeDll = args[0];
var component = File.ReadAllBytes(args[1]);
var outDir = args[2];
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(fallback);
var services = Option("--services", 10_000);
var baseline = Option("--baseline", 100);
var cold = Option("--cold", 1_000);
var resident = Option("--resident", Platform.EdgeRuntime.Execution.Residency.DefaultCapacity);
Directory.CreateDirectory(outDir);

// The node finds each version's compiled artefact in its disk cache, as after a restart: compiled here once (the custom
// section changes no code) and written under every digest, so the node maps a file of its own per version.
using var engine = new EdgeEngine(new EdgeEngineOptions());
var compileClock = Stopwatch.StartNew();
byte[] compiled;
using (var once = Component.FromBytes(engine.Engine, component))
{
    compiled = once.Serialize();
}
var compileMs = compileClock.Elapsed.TotalMilliseconds;
var distinct = new DistinctComponents(component);

var small = await NodeRun.MeasureAsync(nodeDll, distinct, compiled, engine.CompatibilityKey, baseline, cold: 0, resident);
var large = await NodeRun.MeasureAsync(nodeDll, distinct, compiled, engine.CompatibilityKey, services, cold, resident);

var report = new System.Text.StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"-- density: one edge node, each service a component of its own (the template service, {component.Length / 1024} KiB; compiles in {compileMs:F0} ms), at most {resident} versions in memory");
foreach (var run in new[] { small, large })
{
    report.AppendLine(CultureInfo.InvariantCulture,
        $"{run.Services,6} services: converged in {run.Converge.TotalSeconds:F1} s, RSS {run.RssMiB:F0} MiB serving them ({run.RssAfterMiB:F0} MiB after the cold requests), {run.Resident} resident");
}
report.AppendLine(CultureInfo.InvariantCulture, $"RSS ratio {large.Services} / {small.Services} services: {large.RssMiB / small.RssMiB:F2} (aim: within 1 GiB at 10,000)");
report.AppendLine(CultureInfo.InvariantCulture,
    $"warm version, one connection: p50 {large.Warm.P50:F2} ms, p99 {large.Warm.P99:F2} ms ({large.Warm.Count} requests; with {small.Services} services: p50 {small.Warm.P50:F2} ms, p99 {small.Warm.P99:F2} ms)");
report.AppendLine(CultureInfo.InvariantCulture,
    $"cold (parked) versions, each once: p50 {large.Cold.P50:F2} ms, p99 {large.Cold.P99:F2} ms ({large.Cold.Count} requests, {large.ColdLoads} cold loads; aim: p99 within 5 ms); p99 ratio cold / warm {large.Cold.P99 / large.Warm.P99:F2}");
Console.Write(report);
File.WriteAllText(Path.Combine(outDir, "density-summary.txt"), report.ToString());
return 0;
