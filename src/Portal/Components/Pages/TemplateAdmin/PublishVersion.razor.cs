using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Templates;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>
/// The owning team (or an admin) publishes a new immutable version, usually starting from an editable copy of the
/// newest one (or of another template's). The API checks everything again; its field errors land on their fields.
/// </summary>
public sealed partial class PublishVersion
{
    private const string BlankSource = "";
    private static readonly string[] PlacedFields = ["version", "toolchain", "executor", "files"];

    private readonly FieldErrors _errors = new();
    private TemplateDto? _template;
    private VersionDraft? _draft;
    private List<(string Key, string Template, string Version, string Label)> _sources = [];
    private SortedDictionary<string, string> _toolchains = new(StringComparer.Ordinal);
    private string _source = BlankSource;
    private bool _busy;
    private string? _loadError;
    private string? _submitError;
    private Severity _submitSeverity = Severity.Error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    private List<BreadcrumbItem> Breadcrumbs =>
    [
        new("Manage templates", "manage/templates"),
        new(_template?.Title ?? Name, $"manage/templates/{Uri.EscapeDataString(Name)}"),
        new("Publish", null, disabled: true),
    ];

    private string? ToolchainError => _errors.For("toolchain") is { } toolchain ? toolchain : _errors.For("executor");

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            var template = Api.CallAsync((api, ct) => api.TemplateAsync(Name, ct));
            var gallery = Api.CallAsync((api, ct) => api.TemplatesAsync(ct));
            (_template, var others) = (await template, await gallery);
            var own = _template.Versions ?? [];
            _sources = own.Select(v => (Source(Name, v.Version), Name, v.Version, $"{Name} {v.Version} ({v.Status})"))
                .Concat(others.Where(t => t.Name != Name && t.LatestVersion.Length > 0)
                    .Select(t => (Source(t.Name, t.LatestVersion), t.Name, t.LatestVersion, $"{t.Name} {t.LatestVersion} ({t.Title})")))
                .ToList();
            _toolchains = new(others.Append(_template).SelectMany(t => t.Versions ?? []).GroupBy(v => v.Toolchain)
                .ToDictionary(g => g.Key, g => g.First().Executor), StringComparer.Ordinal);
            _draft = new VersionDraft { Version = VersionDraft.NextMinor(own.Select(v => v.Version)) };
            if (own.Count > 0) await CopyFromAsync(Source(Name, own[0].Version));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _loadError = ApiErrors.Describe(e);
        }
    }

    private static string Source(string template, string version) => $"{template}@{version}";

    private async Task CopyFromAsync(string key)
    {
        var version = _draft?.Version ?? "";
        _errors.Clear();
        _source = key;
        var source = _sources.FirstOrDefault(s => s.Key == key);
        if (source.Key is null)
        {
            _draft = new VersionDraft { Version = version };
            return;
        }
        try
        {
            var details = Api.CallAsync((api, ct) => api.TemplateVersionAsync(source.Template, source.Version, ct));
            var files = Api.CallAsync((api, ct) => api.TemplateFilesAsync(source.Template, source.Version, ct));
            _draft = VersionDraft.CopyOf(await details, await files, version);
            if (!_toolchains.ContainsKey(_draft.Toolchain)) _toolchains[_draft.Toolchain] = _draft.Executor;
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _submitError = $"{source.Template} {source.Version} could not be copied: {ApiErrors.Describe(e)}";
        }
    }

    private void SetToolchain(string toolchain)
    {
        if (_draft is null) return;
        _draft.Toolchain = toolchain;
        _draft.Executor = _toolchains.GetValueOrDefault(toolchain, "");
        _errors.Remove("toolchain");
        _errors.Remove("executor");
    }

    private async Task PublishAsync()
    {
        if (_draft is null) return;
        (_submitError, _submitSeverity) = (null, Severity.Error);
        _errors.Clear();
        _busy = true;
        try
        {
            var request = _draft.ToRequest();
            var published = await Api.CallAsync((api, ct) => api.PublishTemplateVersionAsync(Name, request, ct));
            Snackbar.Add($"{Name} {published.Version} published as a draft; a platform admin vets it before developers see it.", Severity.Success);
            Navigation.NavigateTo($"manage/templates/{Uri.EscapeDataString(Name)}?version={Uri.EscapeDataString(published.Version)}");
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

    private void ShowFailure(Exception error)
    {
        _submitSeverity = error is PlatformApiException { Status: HttpStatusCode.Conflict } ? Severity.Warning : Severity.Error;
        _submitError = _errors.Take(error,
            f => PlacedFields.Contains(f, StringComparer.OrdinalIgnoreCase) || f.StartsWith("parameters[", StringComparison.OrdinalIgnoreCase),
            "The platform did not accept this version; the problems are marked above.");
    }
}
