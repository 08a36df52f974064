using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Topics;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Topics;

/// <summary>
/// Who may publish to and subscribe to a topic besides its owner team, as the API models it: teams and services by name.
/// Owners replace both lists in one PATCH; the API refuses names of teams or services that do not exist, naming the list.
/// </summary>
public sealed partial class TopicAccessPanel
{
    private static readonly string[] Fields = ["publishers.teams", "publishers.services", "subscribers.teams", "subscribers.services"];

    private readonly FieldErrors _errors = new();
    private List<string> _publisherTeams = [];
    private List<string> _publisherServices = [];
    private List<string> _subscriberTeams = [];
    private List<string> _subscriberServices = [];
    private TopicDto? _shown;
    private bool _saving;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired] public TopicDto Topic { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }

    /// <summary>Raised with the topic as the API saved it.</summary>
    [Parameter] public EventCallback<TopicDto> OnSaved { get; set; }

    private bool IsChanged =>
        !Same(_publisherTeams, Topic.Publishers.Teams) || !Same(_publisherServices, Topic.Publishers.Services) ||
        !Same(_subscriberTeams, Topic.Subscribers.Teams) || !Same(_subscriberServices, Topic.Subscribers.Services);

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(_shown, Topic)) return;
        _shown = Topic;
        _publisherTeams = [.. Topic.Publishers.Teams ?? []];
        _publisherServices = [.. Topic.Publishers.Services ?? []];
        _subscriberTeams = [.. Topic.Subscribers.Teams ?? []];
        _subscriberServices = [.. Topic.Subscribers.Services ?? []];
        _errors.Clear();
    }

    private void Changed(string field)
    {
        _errors.Remove(field);
        _error = null;
    }

    private async Task SaveAsync()
    {
        (_saving, _error) = (true, null);
        _errors.Clear();
        try
        {
            var request = new UpdateTopicRequest(
                Publishers: new TopicAccessDto(_publisherTeams, _publisherServices),
                Subscribers: new TopicAccessDto(_subscriberTeams, _subscriberServices));
            var saved = await Api.CallAsync((api, ct) => api.UpdateTopicAsync(Topic.Name, request, ct));
            Snackbar.Add($"Access to {saved.Name} saved.", Severity.Success);
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

    private static bool Same(List<string> edited, IReadOnlyList<string>? saved) =>
        edited.Order(StringComparer.Ordinal).SequenceEqual((saved ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
