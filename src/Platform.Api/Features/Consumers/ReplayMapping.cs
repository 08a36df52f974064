using Platform.Contracts.Topics;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Consumers;

public static class ReplayMapping
{
    public static string SourceName(this ReplaySource source) =>
        source == ReplaySource.DeadLetters ? EventSubjects.ReplayFromDeadLetters : EventSubjects.ReplayFromTopic;

    public static ReplayDto ToDto(this EventReplay r, string service, long? remaining) =>
        new(r.Id, service, r.Topic, r.Filter, r.Source.SourceName(), r.FromSequence, r.FromTime, r.UntilSequence, r.TargetVersion,
            r.RequestedBy, r.RequestedAt, r.FinishedAt, r.Outcome, remaining);
}
