using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Settings;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Admin;

/// <summary>
/// Platform admins set the capability policy (approval of first versions that declare capabilities, special networks
/// outbound HTTP may reach); the API audits it. A network the API refuses is named under the field by its line.
/// </summary>
public sealed partial class CapabilityPolicy
{
    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool? _allowed;
    private CapabilitySettingsDto? _current;
    private bool _approveFirstVersions;
    private string? _networks;
    private string? _networkErrors;
    private string? _error;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _allowed = (await Api.UserAsync()).IsAdmin;
        if (_allowed == true) await LoadAsync();
    }

    private bool Changed => _current is not null
        && (_approveFirstVersions != _current.ApproveFirstVersions || !Networks(_networks).SequenceEqual(_current.AllowedOutboundNetworks, StringComparer.Ordinal));

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            Show(await Api.CallAsync((api, ct) => api.CapabilitySettingsAsync(ct)));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private void Show(CapabilitySettingsDto settings)
    {
        _current = settings;
        _approveFirstVersions = settings.ApproveFirstVersions;
        _networks = string.Join("\n", settings.AllowedOutboundNetworks);
        _networkErrors = null;
    }

    private async Task SaveAsync()
    {
        _busy = true;
        _networkErrors = null;
        var networks = Networks(_networks);
        try
        {
            Show(await Api.CallAsync((api, ct) => api.SetCapabilitySettingsAsync(new SetCapabilitySettingsRequest(_approveFirstVersions, networks), ct)));
            Snackbar.Add("The capability policy is saved; nodes receive it with their next desired state.", Severity.Success);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            var fields = ApiErrors.FieldErrors(e);
            if (fields.Count > 0)
            {
                _networkErrors = string.Join(" ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => Line(f.Key) is { } line
                    ? $"Line {line + 1}: {string.Join(" ", f.Value)}"
                    : string.Join(" ", f.Value)));
            }
            else
            {
                Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>The index in "allowedOutboundNetworks[3]", or null for the field as a whole.</summary>
    private static int? Line(string field) =>
        field.StartsWith("allowedOutboundNetworks[", StringComparison.Ordinal) && int.TryParse(field["allowedOutboundNetworks[".Length..^1], out var index)
            ? index
            : null;

    private static string[] Networks(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
