using System.Text;
using Microsoft.Extensions.Time.Testing;
using Platform.Contracts.Nodes;
using Platform.EdgeRuntime.Execution;
using Platform.EdgeRuntime.Metrics;
using Platform.EdgeRuntime.Scheduling;
using Platform.EdgeRuntime.Tests.Support;
using Platform.Testing;

namespace Platform.EdgeRuntime.Tests.Scheduling;

/// <summary>The scheduler with real Wasmtime and real components: hostile neighbours against a healthy service.</summary>
[Collection(EdgeCollection.Name)]
public sealed class GuestSchedulerTests(EdgeFixture edge)
{
    private static readonly CapabilitiesDto DefaultStore = new([], ["default"], new Dictionary<string, string>());

    private static EdgeRequest Get(string uri) => new("GET", uri, [new("host", "edge.test")], []);

    private static GuestScheduler Scheduler(EdgeMetrics metrics, int workers, int maxQueued = 128, TimeProvider? time = null) =>
        new(new RequestExecutor(metrics), metrics, new SchedulerOptions { Workers = workers, MaxQueuedPerService = maxQueued }, time);

    [Fact]
    public async Task RunAsync_LoopsInFlightOnEveryWorkerTheyMayHold_HealthyServiceStillCompletes()
    {
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 2);
        var loop = edge.Load("loop", service: "sched-loop", limits: new LimitsDto(DeadlineMs: 1500, MemoryMb: 16));
        var hello = edge.Load("hello", service: "sched-hello");

        var loops = Enumerable.Range(0, 4).Select(i => scheduler.RunAsync(loop, Get("/loop"), $"loop-{i}")).ToList();
        var answers = new List<EdgeResponse>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await scheduler.RunAsync(hello, Get($"/hello/{i}"), $"hello-{i}"));
        }
        var loopsStillRunning = loops.Count(t => !t.IsCompleted);

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.Equal(4, loopsStillRunning);
        var ended = await Task.WhenAll(loops);
        Assert.All(ended, r => Assert.Equal(ExecutionOutcome.DeadlineExceeded, r.Outcome));
        Assert.All(ended, r => Assert.Equal(504, r.Status));
    }

    [Fact]
    public async Task RunAsync_HostileNeighbours_HealthyAnswersAndEachHostileGetsItsOwnFailure()
    {
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 2);
        var loop = edge.Load("loop", service: "hostile-loop", limits: new LimitsDto(DeadlineMs: 1500, MemoryMb: 16));
        var oom = edge.Load("oom", service: "hostile-oom", limits: new LimitsDto(DeadlineMs: 5000, MemoryMb: 16));
        var trap = edge.Load("trap", service: "hostile-trap");
        var hello = edge.Load("hello", service: "hostile-hello");

        var loops = Enumerable.Range(0, 3).Select(i => scheduler.RunAsync(loop, Get("/loop"), $"loop-{i}")).ToList();
        var hostile = new List<Task<EdgeResponse>>();
        var healthy = new List<EdgeResponse>();
        for (var i = 0; i < 5; i++)
        {
            hostile.Add(scheduler.RunAsync(oom, Get("/grow"), $"oom-{i}"));
            hostile.Add(scheduler.RunAsync(trap, Get("/"), $"trap-{i}"));
            healthy.Add(await scheduler.RunAsync(hello, Get($"/hello/{i}"), $"hello-{i}"));
        }
        var failures = await Task.WhenAll(hostile);
        var loopsStillRunning = loops.Count(t => !t.IsCompleted);

        Assert.All(healthy, a => Assert.Equal(200, a.Status));
        Assert.All(healthy, a => Assert.StartsWith("hello from /hello/", Encoding.UTF8.GetString(a.Body)));
        Assert.All(failures.Where(f => f.RequestId.StartsWith("oom-", StringComparison.Ordinal)),
            f => Assert.StartsWith("out of memory after ", Encoding.UTF8.GetString(f.Body)));
        Assert.All(failures.Where(f => f.RequestId.StartsWith("trap-", StringComparison.Ordinal)), f => Assert.Equal(ExecutionOutcome.Trapped, f.Outcome));
        Assert.Equal(3, loopsStillRunning);
        Assert.All(await Task.WhenAll(loops), r => Assert.Equal(504, r.Status));
    }

    [Fact]
    public async Task RunAsync_ServiceQueueFull_503WithRetryAfterCountedAsOverloaded()
    {
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 1, maxQueued: 2);
        var loop = edge.Load("loop", service: "sched-full", limits: new LimitsDto(DeadlineMs: 1000, MemoryMb: 16));

        // One loop on the worker (its guest running), two waiting: the fourth and fifth are refused at once.
        var running = scheduler.RunAsync(loop, Get("/loop"), "full-0");
        await WaitUntilAsync(() => loop.RunningInstances == 1 || running.IsCompleted);
        var runs = Enumerable.Range(1, 4).Select(i => scheduler.RunAsync(loop, Get("/loop"), $"full-{i}")).Prepend(running).ToList();
        var refusedAtOnce = runs.Select(r => r.IsCompleted).ToArray();
        var answers = await Task.WhenAll(runs);
        var seen = string.Join("; ", answers.Select(a => $"{a.Status} {a.Outcome} {a.Error}"));

        Assert.True(refusedAtOnce is [_, _, _, true, true], $"answered at once: {string.Join(",", refusedAtOnce)}; answers: {seen}");
        var refused = answers[4];
        Assert.Equal(503, refused.Status);
        Assert.Equal(ExecutionOutcome.Overloaded, refused.Outcome);
        Assert.Equal("1", refused.Header("retry-after"));
        var overloaded = answers.Count(a => a.Outcome == ExecutionOutcome.Overloaded);
        Assert.Equal(2, overloaded);
        Assert.Equal(overloaded, metrics.For("sched-full", "1.0.0").Snapshot().Overloaded);
        Assert.Equal(overloaded, metrics.ServiceSnapshot().Single(s => s.Service == "sched-full").QueueFull);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesWhileQueued_Answered504WithoutRunning()
    {
        var time = new FakeTimeProvider();
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 1, time: time);
        var loop = edge.Load("loop", service: "expiry-loop", limits: new LimitsDto(DeadlineMs: 500, MemoryMb: 16));
        var counter = edge.Load("counter", DefaultStore, new LimitsDto(DeadlineMs: 100, MemoryMb: 16), service: "expiry-counter");

        var looping = scheduler.RunAsync(loop, Get("/loop"), "expiry-loop");
        var queued = scheduler.RunAsync(counter, Get("/count"), "expiry-counter");
        time.Advance(TimeSpan.FromMilliseconds(101));
        // The deadline watch looks every millisecond: the answer comes while the loop still has most of its 500 ms.
        var expired = await queued.WaitAsync(TimeSpan.FromSeconds(10));
        var expiredBeforeTheLoopEnded = !looping.IsCompleted;
        Assert.Equal(504, (await looping).Status);
        var after = await scheduler.RunAsync(counter, Get("/count"), "expiry-counter-after");

        Assert.True(expiredBeforeTheLoopEnded);
        Assert.Equal(504, expired.Status);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, expired.Outcome);
        // The counter ran once in all: the expired request never reached the guest.
        Assert.Equal("1", Encoding.UTF8.GetString(after.Body));
        var counted = metrics.ServiceSnapshot().Single(s => s.Service == "expiry-counter");
        Assert.Equal(1, counted.ExpiredQueued);
        Assert.Equal(1, counted.Runs);
        Assert.True(counted.QueueTime >= TimeSpan.FromMilliseconds(101));
        Assert.Equal(1, metrics.For("expiry-counter", "1.0.0").Snapshot().DeadlineExceeded);
    }

    [Fact]
    public async Task RunAsync_LessThanOneTickLeftWhileQueued_Answered504WithoutRunning_MoreIsStillWaiting()
    {
        var time = new FakeTimeProvider();
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 1, time: time);
        var loop = edge.Load("loop", service: "tick-loop", limits: new LimitsDto(DeadlineMs: 500, MemoryMb: 16));
        var counter = edge.Load("counter", DefaultStore, new LimitsDto(DeadlineMs: 100, MemoryMb: 16), service: "tick-counter");

        var looping = scheduler.RunAsync(loop, Get("/loop"), "tick-loop");
        var queued = scheduler.RunAsync(counter, Get("/count"), "tick-counter");
        await WaitUntilAsync(() => scheduler.Running("tick-loop") == 1);
        // 1.5 ms left: still waiting for the worker (the watch looks every millisecond).
        time.Advance(TimeSpan.FromMilliseconds(98.5));
        var scans = scheduler.DeadlineScans;
        // The next scan begins after the advance and has ended when the one after it begins.
        await WaitUntilAsync(() => scheduler.DeadlineScans >= scans + 2);
        var waitingWithMoreThanATick = !queued.IsCompleted;
        // 0.5 ms left: a guest started now could only be stopped at the next tick, past the deadline.
        time.Advance(TimeSpan.FromMilliseconds(1));
        var expired = await queued.WaitAsync(TimeSpan.FromSeconds(10));
        var answeredBeforeTheLoopEnded = !looping.IsCompleted;
        await looping;

        Assert.True(waitingWithMoreThanATick);
        Assert.True(answeredBeforeTheLoopEnded);
        Assert.Equal((504, ExecutionOutcome.DeadlineExceeded), (expired.Status, expired.Outcome));
        Assert.Contains("less than one epoch tick", expired.Error);
        Assert.Equal(0, metrics.ServiceSnapshot().Single(s => s.Service == "tick-counter").Runs);
        Assert.Equal(1, metrics.ServiceSnapshot().Single(s => s.Service == "tick-counter").ExpiredQueued);
    }

    [Fact]
    public async Task RunAsync_TimeBeforeQueueing_CountsTowardTheDeadline_ExpiresWithoutRunning()
    {
        var time = new FakeTimeProvider();
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 1, time: time);
        var loop = edge.Load("loop", service: "waited-loop", limits: new LimitsDto(DeadlineMs: 500, MemoryMb: 16));
        var counter = edge.Load("counter", DefaultStore, new LimitsDto(DeadlineMs: 100, MemoryMb: 16), service: "waited-counter");

        var looping = scheduler.RunAsync(loop, Get("/loop"), "waited-loop");
        // The request spent 60 ms on the node before it was queued (read, routed): 40 ms of its 100 ms are left.
        var queued = scheduler.RunAsync(counter, Get("/count"), "waited-counter", waited: TimeSpan.FromMilliseconds(60));
        time.Advance(TimeSpan.FromMilliseconds(41));
        var expired = await queued.WaitAsync(TimeSpan.FromSeconds(10));
        var expiredBeforeTheLoopEnded = !looping.IsCompleted;
        await looping;

        Assert.True(expiredBeforeTheLoopEnded);
        Assert.Equal((504, ExecutionOutcome.DeadlineExceeded), (expired.Status, expired.Outcome));
        Assert.Equal(0, metrics.ServiceSnapshot().Single(s => s.Service == "waited-counter").Runs);
    }

    [Fact]
    public async Task RunAsync_DeadlinePassesWhileRunning_Answered504AtTheDeadlineNotWhenTheGuestStops()
    {
        var time = new FakeTimeProvider();
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 1, time: time);
        // The guest's own stop comes from the real epoch ticker, 1.5 s of wall time after it starts.
        var loop = edge.Load("loop", service: "late-loop", limits: new LimitsDto(DeadlineMs: 1500, MemoryMb: 16));

        var looping = scheduler.RunAsync(loop, Get("/loop"), "late-loop");
        await WaitUntilAsync(() => scheduler.Running("late-loop") == 1);
        time.Advance(TimeSpan.FromMilliseconds(1500));
        var answer = await looping.WaitAsync(TimeSpan.FromSeconds(10));
        var guestStillRunning = metrics.For("late-loop", "1.0.0").Snapshot().Requests == 0;

        Assert.Equal(504, answer.Status);
        Assert.Equal(ExecutionOutcome.DeadlineExceeded, answer.Outcome);
        Assert.Equal("deadline exceeded", answer.Error);
        Assert.True(guestStillRunning);
        // When the guest stops, the run is counted once: a deadline hit, as the caller saw it.
        await WaitUntilAsync(() => metrics.For("late-loop", "1.0.0").Snapshot().Requests == 1);
        var counted = metrics.For("late-loop", "1.0.0").Snapshot();
        Assert.Equal(1, counted.DeadlineExceeded);
        Assert.Equal(0, metrics.ServiceSnapshot().Single(s => s.Service == "late-loop").ExpiredQueued);
    }

    private static Task WaitUntilAsync(Func<bool> condition) => Poll.UntilAsync(condition, TimeSpan.FromSeconds(30), "The awaited condition");

    [Fact]
    public async Task RunAsync_Runs_WorkerCpuAndQueueTimeInMetricsAndPrometheus()
    {
        var metrics = new EdgeMetrics();
        using var scheduler = Scheduler(metrics, workers: 2);
        var hello = edge.Load("hello", service: "sched-metrics");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await scheduler.RunAsync(hello, Get("/m"), $"metrics-{i}")).Status);
        }
        var snapshot = metrics.ServiceSnapshot().Single(s => s.Service == "sched-metrics");
        var text = PrometheusFormatter.Format(metrics.Snapshot(), metrics.ServiceSnapshot());

        Assert.Equal(5, snapshot.Runs);
        Assert.True(snapshot.WorkerTime > TimeSpan.Zero);
        Assert.True(snapshot.CpuTime > TimeSpan.Zero);
        Assert.Contains("platform_edge_requests_total{service=\"sched-metrics\",version=\"1.0.0\"} 5\n", text);
        Assert.Contains("platform_edge_runs_total{service=\"sched-metrics\"} 5\n", text);
        Assert.Contains("platform_edge_worker_seconds_total{service=\"sched-metrics\"} ", text);
        Assert.Contains("platform_edge_cpu_seconds_total{service=\"sched-metrics\"} ", text);
        Assert.Contains("platform_edge_queue_seconds_total{service=\"sched-metrics\"} ", text);
        Assert.Contains("platform_edge_queue_expired_total{service=\"sched-metrics\"} 0\n", text);
        // The node's collector: every managed thread (the deadline watch too) stops while it runs.
        Assert.Matches("(?m)^platform_edge_gc_collections_total\\{generation=\"0\"\\} \\d+$", text);
        Assert.Matches("(?m)^platform_edge_gc_pause_seconds_total [0-9.E-]+$", text);
        Assert.Matches("(?m)^platform_edge_allocated_bytes_total [1-9][0-9]*$", text);
    }
}
