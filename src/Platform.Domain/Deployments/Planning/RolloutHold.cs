using Platform.Domain.Deployments.Analysis;

namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// Why a rollout stands still until a person acts (status). It ends when a resume with a
/// <see cref="RolloutRequests.ResumeGeneration"/> above <paramref name="ResumeGeneration"/> arrives
/// (and no pause is requested), or on promote or abort. <paramref name="Verdict"/> is the inconclusive verdict that caused it, if any.
/// </summary>
public sealed record RolloutHold(string Reason, DateTimeOffset Since, int ResumeGeneration, AnalysisVerdict? Verdict = null)
{
    public bool ReleasedBy(RolloutRequests requests) => !requests.PauseRequested && requests.ResumeGeneration > ResumeGeneration;
}
