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
    /// yet. Such a rollout stays pending (the step's gate holds it, see <see cref="Planning.RolloutStepper"/>) and cannot <see cref="Begin"/>.
    /// </summary>
    public bool AwaitsApproval => Approval.Awaits;

    /// <summary>The capability gate as the step sees it.</summary>
    public Planning.CapabilityApproval Approval => new(NewCapabilities, PreviousVersionId is null, ApprovedBy is not null);

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

    private void EnsureActive(string verb)
    {
        if (!IsActive) throw new DomainException($"The rollout has already finished ({Phase.ToString().ToLowerInvariant()}); it cannot be {verb}.");
    }
}
