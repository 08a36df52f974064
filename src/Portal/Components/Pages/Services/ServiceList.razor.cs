using Microsoft.AspNetCore.Components;
using Platform.Client;
using Platform.Contracts.Services;
using Platform.Portal.Api;

namespace Platform.Portal.Components.Pages.Services;

/// <summary>
/// The services list: one page at a time from the API (search, team, status, mine and sort on the server), more on
/// request. Each filter change asks for a new first page; an answer to an older request than the newest is dropped.
/// </summary>
public partial class ServiceList
{
    private const int PageSize = 50;
    private readonly List<ServiceDto> _items = [];
    private Page<ServiceDto>? _page;
    private List<string> _teams = [];
    private string? _error;
    private string? _search;
    private string? _team;
    private string? _status;
    private string _sort = "name";
    private bool _mine;
    private bool _loading;
    private int _generation;

    private bool Filtered => !string.IsNullOrWhiteSpace(_search) || _team is not null || _status is not null || _mine;

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        try
        {
            _teams = (await Api.CallAsync((api, ct) => api.TeamsAsync(ct))).Select(t => t.Name).OrderBy(t => t, StringComparer.Ordinal).ToList();
        }
        catch (Exception e) when (e is not NavigationException)
        {
            // The team filter is a convenience: without the list, the other filters still work.
            _teams = [];
        }
    }

    private Task SearchChanged(string? value) => Change(() => _search = value);
    private Task TeamChanged(string? value) => Change(() => _team = value);
    private Task StatusChanged(string? value) => Change(() => _status = value);
    private Task SortChanged(string? value) => Change(() => _sort = value ?? "name");
    private Task MineChanged(bool value) => Change(() => _mine = value);

    private Task Change(Action apply)
    {
        apply();
        return ReloadAsync();
    }

    private Task ReloadAsync() => LoadAsync(next: null);

    private Task LoadMoreAsync() => _page?.Next is { } next ? LoadAsync(next) : Task.CompletedTask;

    private async Task LoadAsync(string? next)
    {
        var generation = ++_generation;
        _error = null;
        _loading = true;
        try
        {
            var request = new ServiceListRequest(_search, _team, _mine, _status, _sort, PageSize);
            var page = await Api.CallAsync((api, ct) => next is null ? api.ServicesPageAsync(request, ct) : api.ServicesPageAsync(next, ct));
            if (generation != _generation) return;
            if (next is null) _items.Clear();
            _items.AddRange(page.Items);
            _page = page;
        }
        catch (Exception e) when (e is not NavigationException)
        {
            if (generation == _generation) _error = ApiErrors.Describe(e);
        }
        finally
        {
            if (generation == _generation) _loading = false;
        }
    }

    public static string Lineage(ServiceDto service) =>
        service.Template is null ? "published through the API" : $"{service.Template} {service.TemplateVersion}";
}
