using System.Net;
using MudBlazor;
using Platform.Client;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Templates;

/// <summary>The wizard's handling of API answers: field errors go to their fields and step, a clash to an alert.</summary>
public sealed partial class CreateService
{
    private string? ServerError(string field) =>
        _serverErrors.TryGetValue(field, out var messages) && messages.Length > 0 ? string.Join(" ", messages) : null;

    private void ClearServerError(string field)
    {
        if (_serverErrors.Remove(field)) _serverErrors = new(_serverErrors, StringComparer.OrdinalIgnoreCase);
    }

    private void ClearParameterError(string name) => ClearServerError($"parameters.{name}");

    private bool HasStepErrors(int step) => step switch
    {
        0 => BasicsFields.Any(f => _serverErrors.ContainsKey(f)),
        1 => _serverErrors.Keys.Any(k => k.StartsWith("parameters.", StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    private void ShowFailure(Exception error)
    {
        _serverErrors = new(ApiErrors.FieldErrors(error), StringComparer.OrdinalIgnoreCase);
        _submitSeverity = error is PlatformApiException { Status: HttpStatusCode.Conflict } ? Severity.Warning : Severity.Error;
        var unplaced = _serverErrors.Where(e => !BasicsFields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)
            && !e.Key.StartsWith("parameters.", StringComparison.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();
        if (HasStepErrors(0)) _step = 0;
        else if (HasStepErrors(1)) _step = 1;
        _submitError = _serverErrors.Count == 0 ? ApiErrors.Describe(error)
            : unplaced.Count > 0 ? string.Join(" ", unplaced)
            : "The platform did not accept some fields; they are marked below.";
    }

    private async Task GoForwardAsync()
    {
        if (_stepper is null) return;
        _advancing = true;
        try { await _stepper.NextStepAsync(); }
        finally { _advancing = false; }
    }

    private async Task BackAsync()
    {
        _submitError = null;
        if (_stepper is not null) await _stepper.PreviousStepAsync();
    }

    // Steps are entered through the wizard's own buttons, which validate first; header clicks may only go back.
    private Task OnPreviewInteractionAsync(StepperInteractionEventArgs args)
    {
        if (args.StepIndex > _step && !_advancing) args.Cancel = true;
        return Task.CompletedTask;
    }
}
