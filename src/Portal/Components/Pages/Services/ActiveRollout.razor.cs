using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Rollouts;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>
/// The live view of an active rollout with its operations. Operations only write intent through the API; the
/// page's polling shows the Deployer acting on them.
/// </summary>
public sealed partial class ActiveRollout
{
    private bool _busy;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Parameter, EditorRequired] public RolloutDto Rollout { get; set; } = default!;
    /// <summary>Whether the signed-in user may operate it (owner team or admin).</summary>
    [Parameter] public bool CanOperate { get; set; }
    [Parameter] public bool IsAdmin { get; set; }
    /// <summary>Raised after an operation was accepted, so the page reloads.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    private string Title => Rollout.PreviousVersion is null ? $"Rolling out {Rollout.TargetVersion}" : $"Canary {Rollout.PreviousVersion} → {Rollout.TargetVersion}";

    private bool Paused => Rollout.PauseRequested || Rollout.Hold is not null;

    private bool AwaitsApproval => Rollout.AwaitingApproval || (Rollout.NewCapabilities is { IsEmpty: false } && Rollout.ApprovedBy is null);

    private string ApprovalTitle => Rollout.PreviousVersion is null
        ? $"{Rollout.TargetVersion} is the service's first version and declares capabilities:"
        : $"{Rollout.TargetVersion} declares capabilities {Rollout.PreviousVersion} did not:";

    /// <summary>The capability diff beside the approve button, one row per kind that has any.</summary>
    private IEnumerable<(string Kind, IReadOnlyList<string> Items)> DiffRows =>
        Rollout.NewCapabilities is not { } diff ? [] :
        new (string, IReadOnlyList<string>)[]
        {
            ("outbound hosts", diff.OutboundHosts), ("key-value stores", diff.KeyValueStores), ("variables", diff.Variables),
            ("publish to topics", diff.PublishTopics ?? []), ("consume topics", diff.ConsumeTopics ?? []),
        }.Where(row => row.Item2.Count > 0);

    /// <summary>The strategy's steps, described the way the timeline speaks.</summary>
    private IReadOnlyList<string> Steps => (Rollout.Strategy?.Steps ?? []).Select(Describe).ToList();

    private string StepClass(int index) => index < Rollout.Step ? "done" : index == Rollout.Step ? "current" : "";

    private static string Describe(RolloutStepDto step) => step switch
    {
        { SetWeight: { } w } => $"set canary weight to {w}%",
        { Pause.DurationSeconds: { } s } => $"pause {s} s",
        { Pause: not null } => "pause until resumed or promoted",
        { Analysis: { } a } => $"analyse for {a.DurationSeconds} s (≥ {a.MinRequests} requests)",
        _ => "?",
    };

    private async Task AbortAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Abort the rollout",
            $"Every node goes back to {Rollout.PreviousVersion ?? "nothing (the service is undeployed)"}.", yesText: "Abort", cancelText: "Keep going");
        if (confirmed == true) await ActAsync("abort");
    }

    private async Task ActAsync(string operation)
    {
        _busy = true;
        _error = null;
        try
        {
            await Api.CallAsync((api, ct) => operation switch
            {
                "promote" => api.PromoteRolloutAsync(Rollout.Id, ct),
                "pause" => api.PauseRolloutAsync(Rollout.Id, ct),
                "resume" => api.ResumeRolloutAsync(Rollout.Id, ct),
                "abort" => api.AbortRolloutAsync(Rollout.Id, "aborted in the portal", ct),
                "approve" => api.ApproveRolloutAsync(Rollout.Id, ct),
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown operation."),
            });
            await OnChanged.InvokeAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
        finally
        {
            _busy = false;
        }
    }
}
