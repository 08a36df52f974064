using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Nodes;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Admin;

/// <summary>
/// Admins see every node with its labels and state, accept the region and labels a new node claimed (until then they select
/// nothing), set a node's region and labels (what placements select on), revoke a node (its token stops working) and forget
/// a revoked one.
/// </summary>
public sealed partial class Nodes
{
    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool? _allowed;
    private List<NodeDto>? _nodes;
    private string? _error;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _allowed = (await Api.UserAsync()).IsAdmin;
        if (_allowed == true) await LoadAsync();
    }

    // The API lists "service@version=sha256:…"; the digest goes to the tooltip.

    private static string RevokedTitle(NodeDto node) =>
        $"Revoked by {node.RevokedBy} at {node.RevokedAt?.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task EditLabelsAsync(NodeDto node)
    {
        var dialog = await Dialogs.ShowAsync<NodeLabelsDialog>($"Labels of {node.Name}", new DialogParameters<NodeLabelsDialog> { { d => d.Node, node } });
        if (await dialog.Result is not { Canceled: false }) return;
        Snackbar.Add($"{node.Name}'s labels are saved; its services follow.", Severity.Success);
        await LoadAsync();
    }

    private async Task AcceptLabelsAsync(NodeDto node)
    {
        var claimed = string.Join(", ", (node.ClaimedLabels ?? new Dictionary<string, string>()).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Accept {node.Name}'s labels",
            $"{node.Name} claimed {claimed} when it enrolled. Once accepted, the services whose placement selects these labels run on it and it receives their variables, secrets included.",
            yesText: "Accept", cancelText: "Cancel");
        if (confirmed == true) await ChangeAsync((api, ct) => api.AcceptNodeLabelsAsync(node.Id, ct), $"{node.Name}'s labels are accepted; its services follow.");
    }

    private async Task RevokeAsync(NodeDto node)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Revoke {node.Name}",
            $"{node.Name}'s token stops working at once: it gets no desired state, its heartbeats are refused and it no longer counts in rollouts. The name cannot enrol again until you forget the node.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed == true) await ChangeAsync((api, ct) => api.RevokeNodeAsync(node.Id, ct), $"{node.Name} is revoked.");
    }

    private async Task DeleteAsync(NodeDto node)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Forget {node.Name}",
            $"{node.Name} is removed from the platform; a node with this name can then enrol afresh with the enrolment token.",
            yesText: "Forget", cancelText: "Cancel");
        if (confirmed == true) await ChangeAsync((api, ct) => api.DeleteNodeAsync(node.Id, ct), $"{node.Name} is forgotten; its name can enrol again.");
    }

    private async Task ChangeAsync(Func<Platform.Client.PlatformClient, CancellationToken, Task> change, string done)
    {
        _busy = true;
        try
        {
            await Api.CallAsync(change);
            Snackbar.Add(done, Severity.Success);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
        }
        finally
        {
            _busy = false;
        }
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            _nodes = (await Api.CallAsync((api, ct) => api.NodesAsync(ct))).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }
}
