using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Platform.Benchmarks -- --filter '*'   (or: bash scripts/bench.sh)
BenchmarkSwitcher.FromAssembly(typeof(Platform.Benchmarks.ExecutorBenchmarks).Assembly).Run(args);
