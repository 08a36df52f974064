namespace Platform.Contracts.Rollouts;

/// <summary>
/// A rollout: what was asked (strategy, intents) and where it stands (phase, ring, step, weights, hold, analysis).
/// <paramref name="Phase"/> is pending, progressing, succeeded, failed or aborted; a progressing rollout with a
/// <paramref name="Hold"/> waits for a person. <paramref name="AwaitingApproval"/>: a pending rollout whose
/// <paramref name="NewCapabilities"/> wait for a platform admin; nothing is placed on any node until approved.
/// </summary>
public sealed record RolloutDto(
    Guid Id,
    string Service,
    string TargetVersion,
    string? PreviousVersion,
    string Phase,
    string Message,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<RolloutEventDto> Events,
    RolloutStrategyDto? Strategy = null,
    string StrategySource = "platform",
    string? EmergencyReason = null,
    int Ring = 0,
    string? RingName = null,
    int Step = 0,
    int StepCount = 0,
    string? CurrentStep = null,
    IReadOnlyList<RingWeightDto>? Weights = null,
    RolloutHoldDto? Hold = null,
    AnalysisDto? Analysis = null,
    bool PauseRequested = false,
    bool PromoteRequested = false,
    bool AbortRequested = false,
    CapabilityDiffDto? NewCapabilities = null,
    string? ApprovedBy = null,
    IReadOnlyList<string>? LostNodes = null,
    bool AwaitingApproval = false,
    string? TraceId = null);
