using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>
/// Shown when a newer vetted version of the service's template exists: the per-file diff, and for the owning
/// team an "Apply as commit" action. Renders nothing when the service is up to date or has no template.
/// </summary>
public sealed partial class TemplateUpdatePanel
{
    private TemplateUpdateDto? _update;
    private IReadOnlyList<string> _teams = [];
    private bool _admin;
    private bool _applying;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Service { get; set; } = "";

    /// <summary>The team that owns the service; its members (and admins) may apply the update.</summary>
    [Parameter, EditorRequired] public string Team { get; set; } = "";

    /// <summary>Raised after the update was committed (the page reloads its builds and lineage).</summary>
    [Parameter] public EventCallback OnApplied { get; set; }

    private bool IsOwner => _admin || _teams.Contains(Team, StringComparer.Ordinal);

    private bool CanApply => IsOwner && _update is { Problems.Count: 0 };

    protected override async Task OnParametersSetAsync()
    {
        var user = await Api.UserAsync();
        (_teams, _admin) = (user.Teams, user.IsAdmin);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _update = await Api.CallAsync((api, ct) => api.TemplateUpdateAsync(Service, ct));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task ApplyAsync()
    {
        _applying = true;
        _error = null;
        try
        {
            var applied = await Api.CallAsync((api, ct) => api.ApplyTemplateUpdateAsync(Service, new ApplyTemplateUpdateRequest(_update!.AvailableVersion!), ct));
            Snackbar.Add($"Template {applied.TemplateVersion} committed as {applied.CommitSha[..10]} (revision {applied.Revision})"
                + (applied.Build is { } build ? $"; building {build.Version}." : "."), Severity.Success);
            await LoadAsync();
            await OnApplied.InvokeAsync();
        }
        catch (PlatformApiException e) when (e.Status == HttpStatusCode.Conflict)
        {
            _error = e.Problem.Detail ?? "The update conflicts with changes in the repository.";
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
        finally
        {
            _applying = false;
        }
    }

    private static Color ColorOf(string change) => change switch
    {
        "added" => Color.Success,
        "removed" => Color.Error,
        _ => Color.Info,
    };

    private static string LineClass(string line) =>
        line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "diff-file"
        : line.StartsWith('+') ? "diff-add"
        : line.StartsWith('-') ? "diff-del"
        : line.StartsWith("@@", StringComparison.Ordinal) ? "diff-hunk"
        : "";
}
