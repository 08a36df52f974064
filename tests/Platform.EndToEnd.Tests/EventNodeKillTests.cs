using System.Text.RegularExpressions;
using Platform.Contracts.Services;
using Platform.Contracts.Topics;
using Platform.EndToEnd.Tests.Support;
using Platform.Testing;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// An edge node killed (SIGKILL, no shutdown) while it handles events loses none of them. The consumer
/// (tests/components-events/recorder) computes for about a second per event, so the node holds the event it runs, and the
/// next one of other partitions, unacknowledged; JetStream hands them to the other node once the ack wait (the deadline plus
/// 10 s: 14 s with this manifest's 4 s deadline) has passed. What README "Event delivery" promises, and so what is asserted:
/// at least once (an event the killed node recorded but could not acknowledge is handled again: a duplicate is allowed, a
/// loss is not) and in order per key.
/// </summary>
[Collection(StackCollection.Name)]
public sealed partial class EventNodeKillTests(PlatformStack stack)
{
    private const string Name = "kill-consumer";
    private const string Topic = "kill-orders";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private const string Manifest = """
        name = "kill-consumer"
        [capabilities]
        key_value_stores = ["default"]
        [limits]
        deadline_ms = 4000
        [[triggers]]
        topic = "kill-orders"
        """;

    [Fact]
    public async Task EdgeNodeKilledWhileHandlingEvents_EveryEventHandled_WhatItHeldRedeliveredToTheOtherNode()
    {
        var alice = await stack.SignInAsync("alice");
        await alice.CreateTopicAsync(new CreateTopicRequest(Topic, "payments"));
        await alice.CreateServiceAsync(new CreateServiceRequest(Name, "payments"));
        await alice.PublishVersionAsync(Name, "1.0.0", WasmBuilder.Build(Path.Combine(RepositoryPaths.Root, "tests", "components-events", "recorder")), Manifest);
        var rollout = await alice.StartRolloutAsync(Name, "1.0.0");
        await (await stack.SignInAsync("admin")).ApproveRolloutAsync(rollout.Id);
        var deployed = await Eventually.UntilAsync(() => alice.RolloutAsync(rollout.Id), r => r.Phase is not ("pending" or "progressing"), Patience, "the deployment");
        Assert.Equal("succeeded", deployed.Phase);

        var edge1 = stack.Process("edge-1");
        var logFrom = new FileInfo(edge1.LogPath).Length;
        var published = Enumerable.Range(0, 12).Select(i => new PublishedEvent($"key-{i % 6}", $"\"slow-{i}\"")).ToList();
        foreach (var e in published) await alice.PublishEventAsync(Topic, e.Data, key: e.Key);

        // edge-1 logs each event as it starts it; killed when that line is seen, it is most of a second from finishing it.
        var inFlight = await Eventually.UntilAsync(() => Task.FromResult(FirstStarted(edge1.LogPath, logFrom)), started => started is not null,
            TimeSpan.FromSeconds(60), "edge-1 starting an event");
        edge1.Kill();

        var keys = published.Select(e => e.Key).Distinct().ToList();
        // What edge-1 held unacknowledged goes to edge-2 once the ack wait has passed: a later attempt of the same event.
        await Eventually.UntilAsync(() => ConsumerHistories.ReadAsync(stack, Name, keys, 1),
            h => h.Any(e => e.Data == inFlight!.Value.Data && e.Attempt > inFlight.Value.Attempt), Patience, $"edge-2 handling {inFlight} again");
        stack.Restart("edge-1");
        await stack.WaitForEdgeNodesAsync();

        var expected = published.Select(e => e.Data).ToHashSet();
        var handled = await Eventually.UntilAsync(() => ConsumerHistories.ReadAsync(stack, Name, keys),
            h => h.Select(e => e.Data).ToHashSet().IsSupersetOf(expected), Patience, "every event handled by one node or the other");
        Assert.Equal(expected.Order(), handled.Select(e => e.Data).Distinct().Order());
        ConsumerHistories.AssertEachKeyInPublishingOrder(handled, published);
    }

    /// <summary>The first event the recorder logged starting in <paramref name="log"/> past <paramref name="from"/>.</summary>
    private static (string Data, int Attempt)? FirstStarted(string log, long from)
    {
        using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(from, SeekOrigin.Begin);
        var match = Started().Match(new StreamReader(stream).ReadToEnd());
        return match.Success ? (match.Groups[1].Value, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
    }

    [GeneratedRegex("recorder starts (\\S+)@(\\d+)")]
    private static partial Regex Started();
}
