using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Services;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>A platform admin sees the quotas in force for a service and overrides them (empty: the platform default).</summary>
public sealed partial class QuotaPanel
{
    private static readonly HashSet<string> Fields = new(StringComparer.OrdinalIgnoreCase) { "keyValueBytes", "queuedBuilds", "maxInstances" };
    private readonly FieldErrors _errors = new();
    private ServiceQuotasDto? _quotas;
    private long? _keyValueBytes;
    private int? _queuedBuilds;
    private int? _maxInstances;
    private string? _error;
    private bool _saving;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Service { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            Show(await Api.CallAsync((api, ct) => api.ServiceQuotasAsync(Service, ct)));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task SaveAsync()
    {
        (_saving, _error) = (true, null);
        _errors.Clear();
        try
        {
            var request = new SetServiceQuotasRequest(_keyValueBytes, _queuedBuilds, _maxInstances);
            Show(await Api.CallAsync((api, ct) => api.SetServiceQuotasAsync(Service, request, ct)));
            Snackbar.Add($"Quotas of {Service} saved.", Severity.Success);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = _errors.Take(e, Fields.Contains, "Some quotas are out of range; see the marked fields.");
        }
        finally
        {
            _saving = false;
        }
    }

    private void Show(ServiceQuotasDto quotas)
    {
        _quotas = quotas;
        (_keyValueBytes, _queuedBuilds, _maxInstances) = (quotas.KeyValueBytesOverride, quotas.QueuedBuildsOverride, quotas.MaxInstancesOverride);
    }
}
