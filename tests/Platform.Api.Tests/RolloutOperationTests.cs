using System.Net;
using Platform.Api.Tests.Support;
using Platform.Client;
using Platform.Contracts.Rollouts;
using Platform.Contracts.Services;

namespace Platform.Api.Tests;

/// <summary>Rollouts through the REST API: strategies, operations, emergency, fast rollback, who may do what.</summary>
public sealed class RolloutOperationTests(ApiFactory api) : ApiTest(api)
{
    private static readonly RolloutStrategyDto TwoSteps = new([new RolloutStepDto(SetWeight: 25), new RolloutStepDto(Pause: new PauseDto())]);

    /// <summary>A service with 1.0.0 stable and 1.1.0 published.</summary>
    private async Task<PlatformClient> AliceWithStableAsync(string name = "shop")
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest(name, "payments"));
        await alice.PublishVersionAsync(name, "1.0.0", Components.Hello, null);
        await alice.PublishVersionAsync(name, "1.1.0", Components.Hello, null);
        await Api.DeployAsync(name, "1.0.0");
        return alice;
    }

    [Fact]
    public async Task Start_WithoutStrategy_FollowsTheBuiltInCanaryAndShowsIt()
    {
        var alice = await AliceWithStableAsync();

        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");

        Assert.Equal(("pending", "platform", "1.0.0"), (rollout.Phase, rollout.StrategySource, rollout.PreviousVersion));
        Assert.Equal([10, null, 50, null, 100], rollout.Strategy!.Steps!.Select(s => s.SetWeight));
        Assert.StartsWith("Canary of 1.1.0 against 1.0.0 requested by alice", rollout.Message);
    }

    [Fact]
    public async Task Start_ServiceStrategyThenRequestOverride_EachWinsInTurn()
    {
        var alice = await AliceWithStableAsync();
        var set = await alice.SetServiceStrategyAsync("shop", TwoSteps);
        Assert.Equal("service", set.Source);

        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        Assert.Equal(("service", 2), (rollout.StrategySource, rollout.StepCount));

        await alice.AbortRolloutAsync(rollout.Id, "testing");
        await Api.FinishAsync(rollout.Id);
        var overridden = await alice.StartRolloutAsync("shop", new StartRolloutRequest("1.1.0", new RolloutStrategyDto([new RolloutStepDto(SetWeight: 100)])));
        Assert.Equal(("request", 1), (overridden.StrategySource, overridden.StepCount));
    }

    [Fact]
    public async Task Start_InvalidStrategy_NamesEveryFieldAndCreatesNothing()
    {
        var alice = await AliceWithStableAsync();
        var strategy = new RolloutStrategyDto(
            [new RolloutStepDto(SetWeight: 140), new RolloutStepDto(SetWeight: 10, Pause: new PauseDto())],
            [new RingDto("eu", null, ["eu-west"])], "sometimes");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartRolloutAsync("shop", new StartRolloutRequest("1.1.0", strategy)));

        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Equal(["strategy.onNodeLoss", "strategy.rings[0].labelKey", "strategy.steps[0].setWeight", "strategy.steps[1]"], error.Problem.Errors!.Keys.Order());
        Assert.Empty(await alice.RolloutsAsync("shop"));
    }

    [Fact]
    public async Task Operations_PauseResumePromoteAbort_WriteIntentTimelineAndAudit()
    {
        var alice = await AliceWithStableAsync();
        var rollout = await alice.StartRolloutAsync("shop", new StartRolloutRequest("1.1.0", TwoSteps));

        Assert.True((await alice.PauseRolloutAsync(rollout.Id)).PauseRequested);
        Assert.False((await alice.ResumeRolloutAsync(rollout.Id)).PauseRequested);
        Assert.True((await alice.PromoteRolloutAsync(rollout.Id)).PromoteRequested);
        var aborted = await alice.AbortRolloutAsync(rollout.Id, "wrong build");

        Assert.True(aborted.AbortRequested);
        Assert.Equal(["requested", "pause-requested", "resume-requested", "promote-requested", "abort-requested"], aborted.Events.Select(e => e.Kind));
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/shop");
        Assert.Contains(audit, e => e.Action == "rollout.abort" && e.Details["reason"] == "wrong build");
        Assert.Contains(audit, e => e.Action == "rollout.promote");
    }

    [Fact]
    public async Task Operations_OtherTeam_ForbiddenAndNothingChanges()
    {
        var alice = await AliceWithStableAsync();
        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        var bob = await Api.SignInAsync("bob");

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => bob.AbortRolloutAsync(rollout.Id));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.False((await alice.RolloutAsync(rollout.Id)).AbortRequested);
    }

    [Fact]
    public async Task Operations_FinishedRollout_UnprocessableWithReason()
    {
        var alice = await AliceWithStableAsync();
        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        await alice.AbortRolloutAsync(rollout.Id);
        await Api.FinishAsync(rollout.Id);

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.PromoteRolloutAsync(rollout.Id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.Status);
        Assert.Contains("already finished", error.Problem.Detail);
    }

    [Fact]
    public async Task Approve_OnlyAdminsAndOnlyWhenCapabilitiesGrew()
    {
        var alice = await Api.SignInAsync("alice");
        await alice.CreateServiceAsync(new CreateServiceRequest("shop", "payments"));
        await alice.PublishVersionAsync("shop", "1.0.0", Components.Hello, "name = \"shop\"\n");
        await alice.PublishVersionAsync("shop", "1.1.0", Components.Hello, "name = \"shop\"\n[capabilities]\nkey_value_stores = [\"carts\"]\n");
        await Api.DeployAsync("shop", "1.0.0");
        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        Assert.Equal(["key-value store carts"], rollout.NewCapabilities!.Describe());

        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.ApproveRolloutAsync(rollout.Id));
        Assert.Equal(HttpStatusCode.Forbidden, error.Status);

        var approved = await (await Api.SignInAsync("admin")).ApproveRolloutAsync(rollout.Id);
        Assert.Equal("admin", approved.ApprovedBy);
    }

    [Fact]
    public async Task Emergency_RequiresAReasonAndIsAudited()
    {
        var alice = await AliceWithStableAsync();
        var missing = await Assert.ThrowsAsync<PlatformApiException>(() => alice.StartRolloutAsync("shop", new StartRolloutRequest("1.1.0", EmergencyReason: " ")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.Status);
        Assert.Contains("emergencyReason", missing.Problem.Errors!.Keys);

        var rollout = await alice.StartRolloutAsync("shop", new StartRolloutRequest("1.1.0", EmergencyReason: "payments failing"));

        Assert.Equal(("emergency", 0, "payments failing"), (rollout.StrategySource, rollout.StepCount, rollout.EmergencyReason));
        var audit = await (await Api.SignInAsync("admin")).AuditAsync("service/shop");
        Assert.Contains(audit, e => e.Action == "rollout.emergency" && e.Details["reason"] == "payments failing");
    }

    [Fact]
    public async Task Rollback_WithoutVersion_GoesBackToThePreviousStable()
    {
        var alice = await AliceWithStableAsync();
        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        await Api.FinishAsync(rollout.Id, succeed: true);

        var rollback = await alice.RollbackAsync("shop", new RollbackRequest(Reason: "latency regression"));

        Assert.Equal(("1.0.0", "1.1.0", "rollback"), (rollback.TargetVersion, rollback.PreviousVersion, rollback.StrategySource));
        Assert.Contains(rollback.Events, e => e.Message == "Reason given: latency regression");
    }

    [Fact]
    public async Task Rollback_NothingEarlier_NamesTheVersionField()
    {
        var alice = await AliceWithStableAsync();
        var error = await Assert.ThrowsAsync<PlatformApiException>(() => alice.RollbackAsync("shop", new RollbackRequest()));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("version", error.Problem.Errors!.Keys);
    }

    [Fact]
    public async Task PlatformStrategy_AdminsSetItAndNewRolloutsFollowIt()
    {
        var alice = await AliceWithStableAsync();
        var denied = await Assert.ThrowsAsync<PlatformApiException>(() => alice.SetPlatformStrategyAsync(TwoSteps));
        Assert.Equal(HttpStatusCode.Forbidden, denied.Status);
        Assert.Equal("built-in", (await alice.PlatformStrategyAsync()).Source);

        await (await Api.SignInAsync("admin")).SetPlatformStrategyAsync(TwoSteps);

        var rollout = await alice.StartRolloutAsync("shop", "1.1.0");
        Assert.Equal(("platform", 2), (rollout.StrategySource, rollout.StepCount));
    }
}
