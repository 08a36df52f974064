using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Contracts.Templates;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>Admins create a template (metadata only; content arrives as versions). The API's field errors land on their fields.</summary>
public sealed partial class NewTemplate
{
    private static readonly string[] Fields = ["name", "title", "description", "ownerTeam", "language", "tags"];

    private readonly FieldErrors _errors = new();
    private MudForm? _form;
    private bool? _allowed;
    private List<TeamDto> _teams = [];
    private string? _name;
    private string? _title;
    private string? _description;
    private string? _ownerTeam;
    private string? _language;
    private List<string> _tags = [];
    private bool _busy;
    private string? _submitError;
    private Severity _submitSeverity = Severity.Error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private List<BreadcrumbItem> Breadcrumbs => [new("Manage templates", "manage/templates"), new("New template", null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        _allowed = (await Api.UserAsync()).IsAdmin;
        if (_allowed != true) return;
        try
        {
            _teams = (await Api.CallAsync((api, ct) => api.TeamsAsync(ct))).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _submitError = $"The teams could not be loaded: {ApiErrors.Describe(e)}";
        }
    }

    private async Task CreateAsync()
    {
        (_submitError, _submitSeverity) = (null, Severity.Error);
        _errors.Clear();
        if (_form is null) return;
        await _form.ValidateAsync();
        if (!_form.IsValid) return;
        _busy = true;
        try
        {
            var request = new CreateTemplateRequest(_name!.Trim(), _title!.Trim(), _description?.Trim() ?? "", _ownerTeam!, _language?.Trim() ?? "", _tags);
            var created = await Api.CallAsync((api, ct) => api.CreateTemplateAsync(request, ct));
            Snackbar.Add($"Template {created.Name} created; team {created.OwnerTeam} can publish its first version.", Severity.Success);
            Navigation.NavigateTo($"manage/templates/{Uri.EscapeDataString(created.Name)}");
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _submitSeverity = e is PlatformApiException { Status: HttpStatusCode.Conflict } ? Severity.Warning : Severity.Error;
            _submitError = _errors.Take(e, f => Fields.Contains(f, StringComparer.OrdinalIgnoreCase), "The platform did not accept some fields; they are marked above.");
        }
        finally
        {
            _busy = false;
        }
    }
}
