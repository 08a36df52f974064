using Platform.Domain.Builds;
using Platform.Domain.Deployments;

namespace Platform.Domain.Tests;

public sealed class LifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_StartTwice_SecondAttemptStartsFromCleanLog()
    {
        var build = new Build { Version = "0.1.0", Toolchain = "c-component", RequestedBy = "user:alice" };
        build.Start(Now);
        build.Log += "compiling\n";
        build.Start(Now.AddMinutes(1));
        Assert.Equal((BuildStatus.Running, 2), (build.Status, build.Attempt));
        Assert.DoesNotContain("compiling", build.Log);
    }

    [Fact]
    public void Build_Finished_CannotStartOrFailAgain()
    {
        var build = new Build { Version = "0.1.0", Toolchain = "c-component", RequestedBy = "user:alice" };
        build.Start(Now);
        var version = Guid.NewGuid();
        build.Succeed(version, Now);
        build.Fail("late failure", Now);
        Assert.Equal((BuildStatus.Succeeded, version, (string?)null), (build.Status, build.ComponentVersionId, build.Error));
        Assert.Throws<DomainException>(() => build.Start(Now));
    }

    [Fact]
    public void Build_SucceedWithoutStart_Refused()
    {
        var build = new Build { Version = "0.1.0", Toolchain = "c-component", RequestedBy = "user:alice" };
        Assert.Throws<DomainException>(() => build.Succeed(Guid.NewGuid(), Now));
    }

    [Fact]
    public void Rollout_Phases_EachChangeIsOnTheTimeline()
    {
        var rollout = new Rollout { RequestedBy = "user:alice" };
        rollout.Begin(Now);
        rollout.Begin(Now); // repeated delivery: no second event
        rollout.Report("1 of 2 nodes ready", Now); // progress is the current message, not a timeline event
        Assert.Equal("1 of 2 nodes ready", rollout.Message);
        rollout.Succeed("2 of 2", Now);
        Assert.Equal(["progressing", "succeeded"], rollout.Events.Select(e => e.Kind));
        Assert.False(rollout.IsActive);
        Assert.Equal(Now, rollout.CompletedAt);
    }

    [Fact]
    public void Rollout_Finished_CannotFinishAgain()
    {
        var rollout = new Rollout { RequestedBy = "user:alice" };
        rollout.Fail("no nodes", Now);
        Assert.Throws<DomainException>(() => rollout.Abort("too late", Now));
        Assert.Equal(RolloutPhase.Failed, rollout.Phase);
    }
}
