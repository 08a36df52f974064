using System.Globalization;
using Platform.Contracts.Topics;

namespace Platform.Client;

public sealed partial class PlatformClient
{
    /// <summary>The service's triggers with their consumers' lag, in flight, redeliveries and dead letters.</summary>
    public Task<List<ConsumerDto>> ConsumersAsync(string service, CancellationToken ct = default) =>
        GetAsync<List<ConsumerDto>>($"{ServicePath(service)}/consumers", ct);

    /// <summary>The service's dead letters of a topic, oldest first, after a dead-letter sequence (0: from the first).</summary>
    public Task<List<DeadLetterDto>> DeadLettersAsync(string service, string topic, ulong after = 0, int limit = 50, CancellationToken ct = default) =>
        GetAsync<List<DeadLetterDto>>($"{ServicePath(service)}/consumers/{Uri.EscapeDataString(topic)}/dead-letters?after={after.ToString(CultureInfo.InvariantCulture)}" +
            $"&limit={limit.ToString(CultureInfo.InvariantCulture)}", ct);

    /// <summary>Replays the service's trigger on a topic from a sequence or a time into "stable" or "canary".</summary>
    public Task<ReplayDto> StartReplayAsync(string service, string topic, StartReplayRequest request, CancellationToken ct = default) =>
        SendAsync<ReplayDto>(HttpMethod.Post, $"{ServicePath(service)}/consumers/{Uri.EscapeDataString(topic)}/replays", request, ct);

    /// <summary>Takes the service's dead letters of a topic through its handler again.</summary>
    public Task<ReplayDto> RedriveAsync(string service, string topic, RedriveRequest request, CancellationToken ct = default) =>
        SendAsync<ReplayDto>(HttpMethod.Post, $"{ServicePath(service)}/consumers/{Uri.EscapeDataString(topic)}/dead-letters/redrive", request, ct);

    /// <summary>The service's replays and re-drives, newest first.</summary>
    public Task<List<ReplayDto>> ReplaysAsync(string service, CancellationToken ct = default) =>
        GetAsync<List<ReplayDto>>($"{ServicePath(service)}/replays", ct);

    public Task<ReplayDto> CancelReplayAsync(string service, Guid replay, CancellationToken ct = default) =>
        SendAsync<ReplayDto>(HttpMethod.Post, $"{ServicePath(service)}/replays/{replay}/cancel", null, ct);

    private static string ServicePath(string service) => $"api/v1/services/{Uri.EscapeDataString(service)}";
}
