using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Contracts.Topics;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Topics;

/// <summary>
/// Creates a topic for one of the user's teams (admins: any team) and opens it. Rights and schema versions are set on the
/// topic's page; the API checks everything and its field errors land on their fields.
/// </summary>
public sealed partial class NewTopicForm
{
    private static readonly string[] Fields = ["name", "team", "description", "maxAgeSeconds", "maxBytes"];

    private readonly FieldErrors _errors = new();
    private readonly RetentionDraft _retention = new();
    private MudForm? _form;
    private List<TeamDto> _teams = [];
    private string? _name;
    private string? _team;
    private string? _description;
    private bool _busy;
    private string? _submitError;
    private Severity _submitSeverity = Severity.Error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public EventCallback OnCancel { get; set; }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var user = await Api.UserAsync();
            var teams = await Api.CallAsync((api, ct) => api.TeamsAsync(ct));
            _teams = teams.Where(t => user.IsAdmin || user.Teams.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            _team ??= _teams.Count == 1 ? _teams[0].Name : null;
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
            var request = new CreateTopicRequest(_name!.Trim(), _team!, string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(),
                _retention.MaxAgeSeconds, _retention.MaxBytes);
            var created = await Api.CallAsync((api, ct) => api.CreateTopicAsync(request, ct));
            Snackbar.Add($"Topic {created.Name} created for team {created.OwnerTeam}.", Severity.Success);
            Navigation.NavigateTo($"topics/{Uri.EscapeDataString(created.Name)}");
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
