namespace Platform.Domain.Deployments.Planning;

/// <summary>
/// The capability gate as the step sees it: what the target declares beyond what the service was granted
/// (<see cref="New"/>; for a first version, everything it declares when the platform asks for that) and whether a
/// platform admin approved it. While it <see cref="Awaits"/>, the rollout stays pending and nothing is placed.
/// </summary>
public sealed record CapabilityApproval(CapabilityDiff New, bool FirstVersion, bool Approved)
{
    public static CapabilityApproval NothingNew { get; } = new(CapabilityDiff.None, false, false);

    public bool Awaits => !New.IsEmpty && !Approved;

    /// <summary>Why the rollout holds, for its timeline and the portal.</summary>
    public string HoldReason =>
        $"Waiting for a platform admin to approve capabilities {(FirstVersion ? "this first version declares" : "the stable version did not declare")} " +
        $"({New}); nothing is placed on any node until then.";
}
