using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Contracts.Services;
using Platform.Contracts.Templates;
using Platform.Portal.Api;
using Platform.Portal.Components.Forms;

namespace Platform.Portal.Components.Pages.Templates;

/// <summary>
/// The create-service wizard: name and team, the template's parameters, a dry-run preview, then create.
/// The API validates again on preview and create; its field errors land on the matching fields.
/// </summary>
public sealed partial class CreateService
{
    private const string NameField = "name";
    private const string TeamField = "team";
    private const string DescriptionField = "description";
    private static readonly string[] BasicsFields = [NameField, TeamField, DescriptionField];

    private MudStepper? _stepper;
    private MudForm? _basicsForm;
    private ParameterForm? _parameterForm;
    private int _step;
    private bool _busy;
    private bool _advancing;
    private TemplateDto? _template;
    private TemplateVersionDto? _version;
    private List<TeamDto> _teams = [];
    private string? _name;
    private string? _team;
    private string? _description;
    private Dictionary<string, string?> _parameters = [];
    private ServicePreviewDto? _preview;
    private string? _selectedFile;
    private Dictionary<string, string[]> _serverErrors = new(StringComparer.OrdinalIgnoreCase);
    private string? _loadError;
    private string? _submitError;
    private Severity _submitSeverity = Severity.Error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public string TemplateName { get; set; } = "";

    private List<BreadcrumbItem> Breadcrumbs =>
        [new("Templates", "templates"), new(_template?.Title ?? TemplateName, null, disabled: true), new("Create", null, disabled: true)];

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            var user = await Api.UserAsync();
            var templates = await Api.CallAsync((api, ct) => api.TemplatesAsync(ct));
            _template = templates.FirstOrDefault(t => t.Name == TemplateName);
            if (_template is null)
            {
                _loadError = $"There is no template '{TemplateName}' you can use.";
                return;
            }
            var teams = await Api.CallAsync((api, ct) => api.TeamsAsync(ct));
            _teams = teams.Where(t => user.IsAdmin || user.Teams.Contains(t.Name)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            _team ??= _teams.Count == 1 ? _teams[0].Name : null;
            _version = await Api.CallAsync((api, ct) => api.TemplateVersionAsync(_template.Name, _template.LatestVersion, ct));
            _parameters = ParameterRules.Defaults(_version.Parameters);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _loadError = ApiErrors.Describe(e);
        }
    }

    private async Task NextAsync()
    {
        if (_basicsForm is null) return;
        await _basicsForm.ValidateAsync();
        if (_basicsForm.IsValid && !BasicsFields.Any(f => ServerError(f) is not null)) await GoForwardAsync();
    }

    private async Task PreviewAsync()
    {
        if (_parameterForm is null || !await _parameterForm.ValidateAsync()) return;
        _preview = null;
        await SubmitAsync(async (api, request, ct) =>
        {
            _preview = await api.PreviewServiceAsync(request, ct);
            _selectedFile = _preview.Files.FirstOrDefault(f => f.Path.Equals("README.md", StringComparison.OrdinalIgnoreCase))?.Path
                ?? (_preview.Files.Count > 0 ? _preview.Files[0].Path : null);
            await GoForwardAsync();
        });
    }

    private Task CreateAsync() => SubmitAsync(async (api, request, ct) =>
    {
        var created = await api.CreateServiceAsync(request, ct);
        Navigation.NavigateTo($"services/{Uri.EscapeDataString(created.Service.Name)}");
    });

    private async Task SubmitAsync(Func<PlatformClient, CreateServiceRequest, CancellationToken, Task> action)
    {
        _busy = true;
        _submitError = null;
        var request = new CreateServiceRequest(_name?.Trim() ?? "", _team ?? "", TemplateName, _version?.Version,
            string.IsNullOrWhiteSpace(_description) ? null : _description.Trim(), new Dictionary<string, string?>(_parameters));
        try
        {
            await Api.CallAsync((api, ct) => action(api, request, ct));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            ShowFailure(e);
        }
        finally
        {
            _busy = false;
        }
    }
}
