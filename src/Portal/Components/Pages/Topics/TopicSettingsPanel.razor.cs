using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Topics;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Topics;

/// <summary>A topic's description and retention: read by everyone, changed by its owners (PATCH; the API checks the limits).</summary>
public sealed partial class TopicSettingsPanel
{
    private static readonly string[] Fields = ["description", "maxAgeSeconds", "maxBytes"];

    private readonly FieldErrors _errors = new();
    private RetentionDraft _retention = new();
    private string? _description;
    private TopicDto? _shown;
    private bool _saving;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public TopicDto Topic { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised with the topic as the API saved it.</summary>
    [Parameter] public EventCallback<TopicDto> OnSaved { get; set; }

    /// <summary>
    /// The API's PATCH treats a missing value as "keep": emptying a field the topic has would silently keep the old limit,
    /// so the panel says so instead of pretending to save it.
    /// </summary>
    private bool RemovesALimit =>
        (Topic.MaxAgeSeconds is not null && _retention.MaxAgeSeconds is null) || (Topic.MaxBytes is not null && _retention.MaxBytes is null);

    private string AgeHelp => Topic.MaxAgeSeconds is null ? "Empty: no age limit." : "";

    protected override void OnParametersSet()
    {
        // Fill the fields from the topic when it first arrives or the API returned a new state of it, not on every render.
        if (ReferenceEquals(_shown, Topic)) return;
        _shown = Topic;
        _description = Topic.Description;
        _retention = RetentionDraft.From(Topic.MaxAgeSeconds, Topic.MaxBytes);
        _errors.Clear();
    }

    private async Task SaveAsync()
    {
        (_saving, _error) = (true, null);
        _errors.Clear();
        try
        {
            var request = new UpdateTopicRequest(_description?.Trim() ?? "", _retention.MaxAgeSeconds, _retention.MaxBytes);
            var saved = await Api.CallAsync((api, ct) => api.UpdateTopicAsync(Topic.Name, request, ct));
            Snackbar.Add($"Settings of {saved.Name} saved.", Severity.Success);
            await OnSaved.InvokeAsync(saved);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            var unplaced = _errors.Take(e, f => Fields.Contains(f, StringComparer.OrdinalIgnoreCase), "");
            _error = unplaced.Length > 0 ? unplaced : null;
        }
        finally
        {
            _saving = false;
        }
    }
}
