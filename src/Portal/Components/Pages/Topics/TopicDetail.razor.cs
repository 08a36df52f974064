using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Contracts.Topics;
using Platform.Portal.Account;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Topics;

/// <summary>
/// A topic's page: its settings, rights and schema versions. Everyone signed in reads it; the owner team's members and
/// platform admins (as the API decides) see the controls to change and delete it.
/// </summary>
public sealed partial class TopicDetail
{
    private TopicDto? _topic;
    private List<TopicSchemaDto> _schemas = [];
    private PortalUser? _user;
    private bool _deleting;
    private string? _error;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Parameter] public string Name { get; set; } = "";

    /// <summary>What the API allows: members of the owner team and platform admins change a topic.</summary>
    private bool CanEdit => _user is not null && _topic is not null && (_user.IsAdmin || _user.Teams.Contains(_topic.OwnerTeam));

    private List<BreadcrumbItem> Breadcrumbs => [new("Topics", "topics"), new(Name, null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        _user = await Api.UserAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            var topic = Api.CallAsync((api, ct) => api.TopicAsync(Name, ct));
            var schemas = Api.CallAsync((api, ct) => api.TopicSchemasAsync(Name, ct));
            (_topic, _schemas) = (await topic, await schemas);
            _error = null;
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private void Saved(TopicDto topic) => _topic = topic;

    /// <summary>Only the versions change: the settings and access panels keep what is being edited in them.</summary>
    private async Task SchemaAddedAsync()
    {
        try
        {
            _schemas = await Api.CallAsync((api, ct) => api.TopicSchemasAsync(Name, ct));
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task DeleteAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync($"Delete {Name}",
            $"Delete topic “{Name}”, its schema versions and its stream with every event in it? This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        _deleting = true;
        try
        {
            await Api.CallAsync((api, ct) => api.DeleteTopicAsync(Name, ct));
            Snackbar.Add($"Topic {Name} deleted.", Severity.Success);
            Navigation.NavigateTo("topics");
        }
        catch (Exception e) when (e is not NavigationException)
        {
            Snackbar.Add(ApiErrors.Describe(e), Severity.Error);
        }
        finally
        {
            _deleting = false;
        }
    }
}
