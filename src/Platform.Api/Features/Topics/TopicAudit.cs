using System.Globalization;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Topics;

/// <summary>What an audit entry records of a topic's settings.</summary>
public static class TopicAudit
{
    public static Dictionary<string, string> Details(Topic topic) => new()
    {
        ["team"] = topic.OwnerTeam?.Name ?? topic.OwnerTeamId.ToString(),
        ["maxAgeSeconds"] = topic.MaxAge is { } age ? ((long)age.TotalSeconds).ToString(CultureInfo.InvariantCulture) : "-",
        ["maxBytes"] = topic.MaxBytes?.ToString(CultureInfo.InvariantCulture) ?? "-",
        ["publishers"] = Format(topic.Publishers),
        ["subscribers"] = Format(topic.Subscribers),
        ["schemaVersion"] = topic.Schemas.Count == 0 ? "-" : topic.Schemas.Max(s => s.Version).ToString(CultureInfo.InvariantCulture),
    };

    private static string Format(TopicAccess access) =>
        string.Join(",", access.Teams.Select(t => $"team:{t}").Concat(access.Services.Select(s => $"service:{s}"))) is { Length: > 0 } list ? list : "-";
}
