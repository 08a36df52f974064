using System.Net;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>Lists, sets and deletes a service's variables; the API decides who may (owners and admins).</summary>
public sealed partial class VariablesPanel
{
    private List<VariableDto> _variables = [];
    private string _name = "";
    private string _value = "";
    private bool _secret = true;
    private bool _saving;
    private bool _forbidden;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public string Service { get; set; } = "";

    private bool CanSave => VariableNames.IsValid(_name) && _value.Length > 0;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _variables = await Api.CallAsync((api, ct) => api.VariablesAsync(Service, ct));
            _error = null;
        }
        catch (PlatformApiException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            _forbidden = true;
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            await Api.CallAsync((api, ct) => api.SetVariableAsync(Service, _name, _value, _secret, ct));
            Snackbar.Add($"{_name} saved; it reaches the edge with the next rollout of a version that declares it.", Severity.Success);
            (_name, _value) = ("", "");
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task DeleteAsync(string name)
    {
        try
        {
            await Api.CallAsync((api, ct) => api.DeleteVariableAsync(Service, name, ct));
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }
}
