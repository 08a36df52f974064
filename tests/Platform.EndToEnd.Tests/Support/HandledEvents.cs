using System.Collections.ObjectModel;

namespace Platform.EndToEnd.Tests.Support;

/// <summary>What the nodes' histories held when read (<see cref="ConsumerHistories.ReadAsync"/>), summarised when a wait times out.</summary>
public sealed class HandledEvents(IList<HandledEvent> events) : ReadOnlyCollection<HandledEvent>(events)
{
    public override string ToString() =>
        $"{this.Select(e => e.Data).Distinct().Count()} distinct events in {Count} entries ("
        + string.Join(", ", this.GroupBy(e => e.Node).Select(g => $"{g.Key}: {g.Count()}"))
        + $"), {this.Count(e => e.Attempt > 1)} on a later attempt";
}
