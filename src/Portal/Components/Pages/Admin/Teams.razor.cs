using Microsoft.AspNetCore.Components;
using MudBlazor;
using Platform.Client;
using Platform.Contracts.Identity;
using Platform.Portal.Api;
using Platform.Portal.Components.Pages.TemplateAdmin;

namespace Platform.Portal.Components.Pages.Admin;

/// <summary>Platform admins create teams and add or remove local accounts; members from single sign-on are shown, not edited.</summary>
public sealed partial class Teams
{
    private bool? _allowed;
    private List<TeamDto>? _teams;
    private List<UserSummaryDto> _users = [];
    private readonly Dictionary<string, string?> _adding = new(StringComparer.Ordinal);
    private readonly FieldErrors _errors = new();
    private string? _name;
    private string? _displayName;
    private string? _error;
    private bool _busy;

    [Inject] private PortalApi Api { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _allowed = (await Api.UserAsync()).IsAdmin;
        if (_allowed == true) await LoadAsync();
    }

    private bool IsLocal(string userName) => _users.FirstOrDefault(u => u.UserName == userName) is not { SignsInWith: "sso" };

    private IEnumerable<string> Candidates(TeamDto team) =>
        _users.Where(u => u.SignsInWith == "password" && u.DeactivatedAt is null && !team.Members.Contains(u.UserName)).Select(u => u.UserName);

    private async Task LoadAsync()
    {
        _error = null;
        try
        {
            var teams = Api.CallAsync((api, ct) => api.TeamsAsync(ct));
            var users = Api.CallAsync((api, ct) => api.UsersAsync(ct));
            (_teams, _users) = (await teams, await users);
            foreach (var team in _teams) _adding.TryAdd(team.Name, null);
        }
        catch (Exception e) when (e is not NavigationException)
        {
            _error = ApiErrors.Describe(e);
        }
    }

    private async Task CreateAsync()
    {
        _errors.Clear();
        await ChangeAsync(async (api, ct) =>
        {
            var team = await api.CreateTeamAsync(new CreateTeamRequest(_name?.Trim() ?? "", _displayName?.Trim() ?? ""), ct);
            (_name, _displayName) = (null, null);
            return $"Team {team.Name} created.";
        });
    }

    private Task AddAsync(string team) => ChangeAsync(async (api, ct) =>
    {
        var user = _adding[team]!;
        await api.AddTeamMemberAsync(team, user, ct);
        _adding[team] = null;
        return $"{user} is a member of {team}.";
    });

    private Task RemoveAsync(string team, string user) => ChangeAsync(async (api, ct) =>
    {
        await api.RemoveTeamMemberAsync(team, user, ct);
        return $"{user} left {team}.";
    });

    private async Task ChangeAsync(Func<PlatformClient, CancellationToken, Task<string>> change)
    {
        _busy = true;
        try
        {
            Snackbar.Add(await Api.CallAsync(change), Severity.Success);
            await LoadAsync();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            // Field errors show on the new-team form; anything else in a snackbar.
            var unplaced = _errors.Take(e, f => f is "name" or "displayName", "");
            if (unplaced.Length > 0) Snackbar.Add(unplaced, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }
}
