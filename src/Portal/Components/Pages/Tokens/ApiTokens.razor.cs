using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using Platform.Contracts.Identity;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Tokens;

/// <summary>Create (secret shown once, with a copy button), list and revoke personal API tokens.</summary>
public sealed partial class ApiTokens
{
    private static readonly int[] ExpiryChoices = [7, 30, 90, 365];

    private MudForm? _form;
    private List<TokenDto>? _tokens;
    private CreatedTokenDto? _created;
    private string? _name;
    private bool _read = true;
    private bool _write;
    private int _days = 90;
    private bool _busy;
    private bool _copied;
    private string? _nameError;
    private string? _createError;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            var tokens = await Api.CallAsync((api, ct) => api.TokensAsync(ct));
            _tokens = tokens.OrderBy(t => t.Revoked).ThenByDescending(t => t.CreatedAt).ToList();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task CreateAsync()
    {
        (_createError, _nameError, _copied) = (null, null, false);
        if (_form is null) return;
        await _form.ValidateAsync();
        if (!_form.IsValid) return;
        string[] scopes = [.. _read ? ["read"] : Array.Empty<string>(), .. _write ? ["write"] : Array.Empty<string>()];
        if (scopes.Length == 0)
        {
            _createError = "Pick at least one scope.";
            return;
        }
        _busy = true;
        try
        {
            _created = await Api.CallAsync((api, ct) => api.CreateTokenAsync(new CreateTokenRequest(_name!.Trim(), scopes, _days), ct));
            _name = null;
            await _form.ResetValidationAsync();
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            var fields = ApiErrors.FieldErrors(e);
            _nameError = fields.FirstOrDefault(f => f.Key.Equals("name", StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
            _createError = _nameError is null ? ApiErrors.Describe(e) : null;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (_created is null) return;
        await Js.InvokeVoidAsync("navigator.clipboard.writeText", _created.Secret);
        _copied = true;
    }

    private async Task RevokeAsync(TokenDto token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke token",
            $"Revoke “{token.Name}” ({token.Prefix}…)? Anything using it stops working at once.", yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true) return;
        try
        {
            await Api.CallAsync((api, ct) => api.RevokeTokenAsync(token.Id, ct));
            Snackbar.Add($"Token “{token.Name}” revoked.", Severity.Success);
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
        }
    }
}
