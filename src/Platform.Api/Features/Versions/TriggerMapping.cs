using Platform.Contracts.Nodes;
using Platform.Domain.Manifests;

namespace Platform.Api.Features.Versions;

public static class TriggerMapping
{
    public static TriggerDto ToDto(this TriggerSpec t) => new(t.Topic, t.Filter, t.MaxInFlight, t.MaxAttempts, t.BackoffMs, t.MaxBackoffMs);
}
