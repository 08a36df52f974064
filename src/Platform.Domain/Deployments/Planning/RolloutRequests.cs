namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// What people asked for (intent, written by the API, only read by the planner).
/// </summary>
/// <param name="PauseRequested">Set by "pause", cleared by "resume".</param>
/// <param name="ResumeGeneration">
/// Incremented by every "resume". A hold (pause, indefinite pause step, inconclusive analysis) remembers
/// the generation it began in and ends once a later resume arrives; a counter rather than a timestamp so the
/// clocks of API and Deployer never have to agree.
/// </param>
/// <param name="PromoteRequested">Skip every remaining step and ring: full rollout now.</param>
/// <param name="AbortReason">Non-null once someone aborted: roll back everywhere.</param>
public sealed record RolloutRequests(bool PauseRequested, int ResumeGeneration, bool PromoteRequested, string? AbortReason)
{
    public static RolloutRequests None { get; } = new(false, 0, false, null);
}
