using System.Diagnostics;
using Platform.Domain.Deployments;
using Platform.Domain.Deployments.Planning;
using Platform.Domain.Deployments.Status;

namespace Platform.Deployer.Rollouts;

/// <summary>
/// Rollout passes as spans ("Platform.Rollouts"): each pass of <see cref="RunRolloutJob"/> is a "rollout.pass" span
/// under the job's (and so under the trace of the request that asked for the rollout), and each decision it carries
/// out is an event on it with the decision, the phase and weight it led to and, when it was made on an analysis
/// window, the verdict and its reasons. A rolled-back rollout's trace says why; its pass ends as an error.
/// </summary>
public static class RolloutTrace
{
    public const string SourceName = "Platform.Rollouts";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartPass(Guid rolloutId)
    {
        var activity = Source.StartActivity("rollout.pass");
        activity?.SetTag("platform.rollout.id", rolloutId.ToString());
        return activity;
    }

    public static void Identify(Activity? pass, string service, string version)
    {
        pass?.SetTag("platform.service", service);
        pass?.SetTag("platform.rollout.target_version", version);
    }

    /// <summary>Records a decision carried out, and the end of the rollout when it ended it.</summary>
    public static void Decided(Activity? pass, RolloutDecision decision, RolloutStatus after, Rollout rollout)
    {
        if (pass is null)
        {
            return;
        }
        var tags = new ActivityTagsCollection
        {
            ["platform.rollout.decision"] = decision.GetType().Name,
            ["platform.rollout.phase"] = after.Phase.ToString(),
            ["platform.rollout.message"] = decision.Message,
        };
        if (decision.Analysis is { } verdict)
        {
            tags["platform.analysis.outcome"] = verdict.Outcome.ToString();
            tags["platform.analysis.summary"] = verdict.Summary;
        }
        pass.AddEvent(new ActivityEvent("rollout.decision", tags: tags));
        if (!rollout.IsActive)
        {
            pass.SetTag("platform.rollout.outcome", rollout.Phase.ToString().ToLowerInvariant());
            if (rollout.Phase != RolloutPhase.Succeeded)
            {
                pass.SetStatus(ActivityStatusCode.Error, rollout.Message);
            }
        }
    }
}
