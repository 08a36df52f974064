using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>
/// One template for the people who manage it: metadata, every version with its state, and per version its parameter
/// schema, files and manifest defaults. Admins vet drafts and deprecate vetted versions here (after a confirmation).
/// </summary>
public sealed partial class TemplateDetail
{
    private TemplateDto? _template;
    private TemplateVersionDto? _selected;
    private IReadOnlyList<FileDto>? _files;
    private string? _filesError;
    private bool _isAdmin;
    private IReadOnlyList<string> _teams = [];
    private bool _busy;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    /// <summary>The version to show first, e.g. the one just published.</summary>
    [SupplyParameterFromQuery] public string? Version { get; set; }

    private IReadOnlyList<TemplateVersionSummaryDto> Versions => _template?.Versions ?? [];

    // The API decides; this only hides a button that would certainly be refused.
    private bool CanPublish => _template is not null && (_isAdmin || _teams.Contains(_template.OwnerTeam));

    private List<BreadcrumbItem> Breadcrumbs => [new("Manage templates", "manage/templates"), new(_template?.Title ?? Name, null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        var user = await Api.UserAsync();
        (_isAdmin, _teams) = (user.IsAdmin, user.Teams);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            _template = await Api.CallAsync((api, ct) => api.TemplateAsync(Name, ct));
            var show = Versions.FirstOrDefault(v => v.Version == (_selected?.Version ?? Version)) ?? (Versions.Count > 0 ? Versions[0] : null);
            if (show is not null) await SelectAsync(show.Version);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task SelectAsync(string version)
    {
        _filesError = null;
        try
        {
            var details = Api.CallAsync((api, ct) => api.TemplateVersionAsync(Name, version, ct));
            var files = Api.CallAsync((api, ct) => api.TemplateFilesAsync(Name, version, ct));
            (_selected, _files) = (await details, await files);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _filesError = ApiErrors.Describe(e);
        }
    }

    private async Task EditAsync()
    {
        IReadOnlyList<string> teams = [];
        if (_isAdmin)
        {
            try
            {
                teams = (await Api.CallAsync((api, ct) => api.TeamsAsync(ct))).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            }
            catch (Exception e) when (e is not NavigationException)
            {
                Snackbar.Add($"The teams could not be loaded: {ApiErrors.Describe(e)}", Severity.Error);
                return;
            }
        }
        var dialog = await Dialogs.ShowAsync<EditTemplateDialog>($"Edit {Name}", new DialogParameters<EditTemplateDialog>
        {
            { d => d.Template, _template! },
            { d => d.IsAdmin, _isAdmin },
            { d => d.Teams, teams },
        }, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: TemplateDto updated }) return;
        Snackbar.Add($"{updated.Title} saved.", Severity.Success);
        await LoadAsync();
    }

    private Task VetAsync(string version) => MoveAsync(version, "Vet",
        $"Vet {Name} {version}? Developers can create services from it as soon as it is vetted, and it becomes the version new services get if it is the newest.",
        (api, ct) => api.VetTemplateVersionAsync(Name, version, ct), "vetted: developers see it now");

    private Task DeprecateAsync(string version) => MoveAsync(version, "Deprecate",
        $"Deprecate {Name} {version}? It is no longer offered for new services; services made from it keep building.",
        (api, ct) => api.DeprecateTemplateVersionAsync(Name, version, ct), "deprecated");

    private async Task MoveAsync(string version, string verb, string question, Func<PlatformClient, CancellationToken, Task<TemplateVersionDto>> call, string done)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"{verb} {version}", question, yesText: verb, cancelText: "Cancel");
        if (confirmed != true) return;
        _busy = true;
        try
        {
            var moved = await Api.CallAsync(call);
            Snackbar.Add($"{Name} {moved.Version} {done}.", Severity.Success);
            _selected = moved;
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }
}
