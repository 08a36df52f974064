using Platform.Client;

namespace Platform.EdgeRuntime.Tests.Agent;

/// <summary>The delays an edge node (and the portal) wait between retries of an unreachable control plane.</summary>
public sealed class RetryBackoffTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(15);

    [Fact]
    public void Next_FailuresInARow_NeverZeroGrowingAndCapped()
    {
        var backoff = new RetryBackoff(Initial, Max, new Random(7));

        var delays = Enumerable.Range(0, 40).Select(_ => backoff.Next()).ToList();

        // Attempt n waits between half and all of min(initial * 2^n, max): never at once.
        for (var n = 0; n < delays.Count; n++)
        {
            var step = TimeSpan.FromTicks((long)Math.Min(Initial.Ticks * Math.Pow(2, n), Max.Ticks));
            Assert.InRange(delays[n], step / 2, step);
        }
        Assert.True(delays[5] > delays[0] * 4);
        Assert.Equal(40, backoff.Failures);
    }

    [Fact]
    public void Next_ManyNodesFailingTogether_DoNotRetryInStep()
    {
        // Each node has its own random source (Random.Shared in production; here seeded from one sequence).
        var seeds = new Random(42);
        var nodes = Enumerable.Range(0, 50).Select(_ => new RetryBackoff(Initial, Max, new Random(seeds.Next()))).ToList();

        var fourthRetry = nodes.Select(node =>
        {
            node.Next();
            node.Next();
            node.Next();
            return node.Next();
        }).ToList();

        Assert.True(fourthRetry.Distinct().Count() > 45);
        Assert.True(fourthRetry.Max() - fourthRetry.Min() > TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public void Reset_AfterASuccess_StartsAgainFromTheFirstStep()
    {
        var backoff = new RetryBackoff(Initial, Max, new Random(1));
        for (var i = 0; i < 10; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(0, backoff.Failures);
        Assert.InRange(backoff.Next(), Initial / 2, Initial);
    }
}
