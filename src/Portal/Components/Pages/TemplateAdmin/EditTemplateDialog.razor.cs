using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Templates;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.TemplateAdmin;

/// <summary>Saves the changed fields with PATCH /templates/{name}; the API's field errors stay in the dialog. Closes with the updated template.</summary>
public sealed partial class EditTemplateDialog
{
    private static readonly string[] Fields = ["title", "description", "language", "ownerTeam", "tags"];

    private readonly FieldErrors _errors = new();
    private MudForm? _form;
    private string? _title;
    private string? _description;
    private string? _language;
    private string? _ownerTeam;
    private List<string> _tags = [];
    private bool _busy;
    private string? _submitError;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private PortalApi Api { get; set; } = default!;

    [Parameter, EditorRequired] public TemplateDto Template { get; set; } = default!;
    [Parameter] public bool IsAdmin { get; set; }

    /// <summary>Team names an admin may hand the template to.</summary>
    [Parameter] public IReadOnlyList<string> Teams { get; set; } = [];

    protected override void OnInitialized()
    {
        (_title, _description, _language, _ownerTeam) = (Template.Title, Template.Description, Template.Language, Template.OwnerTeam);
        _tags = [.. Template.Tags];
    }

    private async Task SaveAsync()
    {
        (_submitError, _busy) = (null, true);
        _errors.Clear();
        try
        {
            if (_form is not null)
            {
                await _form.ValidateAsync();
                if (!_form.IsValid) return;
            }
            var request = new UpdateTemplateRequest(
                Changed(_title, Template.Title), Changed(_description ?? "", Template.Description), Changed(_language ?? "", Template.Language),
                _tags.SequenceEqual(Template.Tags) ? null : _tags, IsAdmin ? Changed(_ownerTeam, Template.OwnerTeam) : null);
            var updated = await Api.CallAsync((api, ct) => api.UpdateTemplateAsync(Template.Name, request, ct));
            Dialog.Close(DialogResult.Ok(updated));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _submitError = _errors.Take(e, f => Fields.Contains(f, StringComparer.OrdinalIgnoreCase), "The platform did not accept some fields; they are marked above.");
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Only what changed is sent, so an edit never overwrites a field someone else changed meanwhile.</summary>
    private static string? Changed(string? value, string current) => value is not null && value.Trim() != current ? value.Trim() : null;
}
