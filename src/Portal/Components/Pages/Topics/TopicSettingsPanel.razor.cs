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

    /// <summary>An emptied field (or 0) whose limit the topic has: saving removes that limit (PATCH sends <see cref="UpdateTopicRequest.NoLimit"/>).</summary>
    private bool RemovesAge => Topic.MaxAgeSeconds is not null && NoAge;

    private bool RemovesSize => Topic.MaxBytes is not null && NoSize;

    private bool NoAge => _retention.MaxAgeSeconds is null or UpdateTopicRequest.NoLimit;

    private bool NoSize => _retention.MaxBytes is null or UpdateTopicRequest.NoLimit;

    /// <summary>What saving does to a limit the user emptied, or null when it removes none (the API enforces the rule; this says it first).</summary>
    private string? RemovalNote =>
        !RemovesAge && !RemovesSize ? null
        : NoAge && NoSize ? "With both fields empty the topic would keep events forever: a topic keeps them for a limited time or up to a size, so fill in one."
        : RemovesAge ? "Saving removes the age limit: events stay until the size limit pushes them out."
        : "Saving removes the size limit: events stay until they are older than the age limit, however much they add up to.";

    private const string AgeHelp = "Empty: no age limit.";

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
            var request = new UpdateTopicRequest(_description?.Trim() ?? "",
                RemovesAge ? UpdateTopicRequest.NoLimit : _retention.MaxAgeSeconds, RemovesSize ? UpdateTopicRequest.NoLimit : _retention.MaxBytes);
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
