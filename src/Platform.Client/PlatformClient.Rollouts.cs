using Platform.Contracts.Rollouts;
using Platform.Contracts.Settings;

namespace Platform.Client;

/// <summary>Rollouts: start, watch, operate (promote/pause/resume/abort/approve), fast rollback, strategies.</summary>
public sealed partial class PlatformClient
{
    public Task<RolloutDto> StartRolloutAsync(string service, string version, CancellationToken ct = default) =>
        StartRolloutAsync(service, new StartRolloutRequest(version), ct);
    public Task<RolloutDto> StartRolloutAsync(string service, StartRolloutRequest request, CancellationToken ct = default) =>
        SendAsync<RolloutDto>(HttpMethod.Post, $"api/v1/services/{Uri.EscapeDataString(service)}/rollouts", request, ct);
    public Task<RolloutDto> RollbackAsync(string service, RollbackRequest request, CancellationToken ct = default) =>
        SendAsync<RolloutDto>(HttpMethod.Post, $"api/v1/services/{Uri.EscapeDataString(service)}/rollback", request, ct);
    /// <summary>The service's newest rollouts (at most <paramref name="limit"/>, newest first).</summary>
    public Task<List<RolloutDto>> RolloutsAsync(string service, int limit = 50, CancellationToken ct = default) =>
        GetAsync<List<RolloutDto>>($"api/v1/services/{Uri.EscapeDataString(service)}/rollouts?limit={limit}", ct);
    public Task<RolloutDto> RolloutAsync(Guid id, CancellationToken ct = default) => GetAsync<RolloutDto>($"api/v1/rollouts/{id}", ct);

    public Task<RolloutDto> PromoteRolloutAsync(Guid id, CancellationToken ct = default) => OperateAsync(id, "promote", null, ct);
    public Task<RolloutDto> PauseRolloutAsync(Guid id, CancellationToken ct = default) => OperateAsync(id, "pause", null, ct);
    public Task<RolloutDto> ResumeRolloutAsync(Guid id, CancellationToken ct = default) => OperateAsync(id, "resume", null, ct);
    public Task<RolloutDto> AbortRolloutAsync(Guid id, string? reason = null, CancellationToken ct = default) =>
        OperateAsync(id, "abort", new AbortRolloutRequest(reason), ct);
    public Task<RolloutDto> ApproveRolloutAsync(Guid id, CancellationToken ct = default) => OperateAsync(id, "approve", null, ct);

    public Task<CapabilitySettingsDto> CapabilitySettingsAsync(CancellationToken ct = default) =>
        GetAsync<CapabilitySettingsDto>("api/v1/settings/capabilities", ct);
    public Task<CapabilitySettingsDto> SetCapabilitySettingsAsync(SetCapabilitySettingsRequest settings, CancellationToken ct = default) =>
        SendAsync<CapabilitySettingsDto>(HttpMethod.Put, "api/v1/settings/capabilities", settings, ct);
    public Task<EffectiveStrategyDto> PlatformStrategyAsync(CancellationToken ct = default) =>
        GetAsync<EffectiveStrategyDto>("api/v1/settings/rollout-strategy", ct);
    public Task<EffectiveStrategyDto> SetPlatformStrategyAsync(RolloutStrategyDto strategy, CancellationToken ct = default) =>
        SendAsync<EffectiveStrategyDto>(HttpMethod.Put, "api/v1/settings/rollout-strategy", strategy, ct);
    public Task<EffectiveStrategyDto> ResetPlatformStrategyAsync(CancellationToken ct = default) =>
        SendAsync<EffectiveStrategyDto>(HttpMethod.Delete, "api/v1/settings/rollout-strategy", null, ct);
    public Task<EffectiveStrategyDto> ServiceStrategyAsync(string service, CancellationToken ct = default) =>
        GetAsync<EffectiveStrategyDto>($"api/v1/services/{Uri.EscapeDataString(service)}/rollout-strategy", ct);
    public Task<EffectiveStrategyDto> SetServiceStrategyAsync(string service, RolloutStrategyDto strategy, CancellationToken ct = default) =>
        SendAsync<EffectiveStrategyDto>(HttpMethod.Put, $"api/v1/services/{Uri.EscapeDataString(service)}/rollout-strategy", strategy, ct);
    public Task<EffectiveStrategyDto> ResetServiceStrategyAsync(string service, CancellationToken ct = default) =>
        SendAsync<EffectiveStrategyDto>(HttpMethod.Delete, $"api/v1/services/{Uri.EscapeDataString(service)}/rollout-strategy", null, ct);

    private Task<RolloutDto> OperateAsync(Guid id, string operation, object? body, CancellationToken ct) =>
        SendAsync<RolloutDto>(HttpMethod.Post, $"api/v1/rollouts/{id}/{operation}", body, ct);
}
