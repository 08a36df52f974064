namespace Platform.Domain.Deployments;

/// <summary>What people asked of a running rollout (intent, written only by the API).</summary>
public sealed partial class Rollout
{
    public bool PauseRequested { get; private set; }
    public int ResumeGeneration { get; private set; }
    public bool PromoteRequested { get; private set; }
    public string? AbortReason { get; private set; }

    /// <summary>Why a person skipped the canary (emergency full rollout), as written to the audit log.</summary>
    public string? EmergencyReason { get; set; }

    /// <summary>Capabilities the target declares beyond what the service was granted (see <see cref="CapabilityDiff"/>); non-empty = admin approval needed.</summary>
    public CapabilityDiff NewCapabilities { get; set; } = new();

    public string? ApprovedBy { get; private set; }

    /// <summary>
    /// True while the target may not be placed on any node: it declares capabilities no admin has granted the service
    /// yet. Such a rollout stays pending (<see cref="HoldForApproval"/>) and cannot <see cref="Begin"/>.
    /// </summary>
    public bool AwaitsApproval => !NewCapabilities.IsEmpty && ApprovedBy is null;

    public void RequestPause(string actor, DateTimeOffset now)
    {
        EnsureActive("paused");
        if (PauseRequested) return;
        PauseRequested = true;
        Record("pause-requested", $"Pause requested by {actor}.", now);
    }

    public void RequestResume(string actor, DateTimeOffset now)
    {
        EnsureActive("resumed");
        PauseRequested = false;
        ResumeGeneration++;
        Record("resume-requested", $"Resume requested by {actor}.", now);
    }

    public void RequestPromote(string actor, DateTimeOffset now)
    {
        EnsureActive("promoted");
        if (PromoteRequested) return;
        PromoteRequested = true;
        Record("promote-requested", $"Promotion to every node requested by {actor}: remaining steps are skipped.", now);
    }

    public void RequestAbort(string actor, string? reason, DateTimeOffset now)
    {
        EnsureActive("aborted");
        if (AbortReason is not null) return;
        AbortReason = string.IsNullOrWhiteSpace(reason) ? $"requested by {actor}" : $"{reason.Trim()} ({actor})";
        Record("abort-requested", $"Abort requested by {actor}: every node goes back to the stable version.", now);
    }

    public void Approve(string admin, DateTimeOffset now)
    {
        EnsureActive("approved");
        if (NewCapabilities.IsEmpty)
            throw new DomainException("This rollout declares nothing its predecessor did not; there is nothing to approve.");
        if (ApprovedBy is not null) return;
        ApprovedBy = admin;
        ResumeGeneration++;
        Record("approved", $"New capabilities approved by {admin}: {NewCapabilities}. The version may now be placed on the nodes.", now);
    }

    /// <summary>
    /// While <see cref="AwaitsApproval"/>, nothing is placed: the pending rollout holds visibly (once on the timeline),
    /// and an abort ends it at once. True when the rollout must not go on (the Deployer then stops).
    /// </summary>
    public bool HoldForApproval(DateTimeOffset now)
    {
        if (!AwaitsApproval || Phase != RolloutPhase.Pending) return false;
        if (AbortReason is { } reason)
        {
            Abort($"Aborted before approval: {reason}. Nothing was placed on any node.", now);
            return true;
        }
        if (Cursor.Hold is not null) return true;
        var reasonText = $"Waiting for a platform admin to approve capabilities {(PreviousVersionId is null ? "this first version declares" : "the stable version did not declare")} " +
            $"({NewCapabilities}); nothing is placed on any node until then.";
        Cursor.Hold = new Planning.RolloutHold(reasonText, now, ResumeGeneration);
        Record("awaiting-approval", reasonText, now);
        return true;
    }

    private void EnsureActive(string verb)
    {
        if (!IsActive) throw new DomainException($"The rollout has already finished ({Phase.ToString().ToLowerInvariant()}); it cannot be {verb}.");
    }
}
