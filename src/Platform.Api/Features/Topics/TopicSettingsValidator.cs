using Microsoft.EntityFrameworkCore;
using Platform.Application.Topics;
using Platform.Contracts.Topics;
using Platform.Data;
using Platform.Domain;
using Platform.Domain.Topics;

namespace Platform.Api.Features.Topics;

/// <summary>
/// Checks a topic's settings before anything changes: retention within the platform's limits, rights naming teams and services
/// that exist (by their slug names; anything else is refused, not matched loosely).
/// </summary>
public static class TopicSettingsValidator
{
    public const int MaxGrantees = 100;

    public static void CheckRetention(long? maxAgeSeconds, long? maxBytes, TopicOptions limits, ValidationErrors errors)
    {
        if (maxAgeSeconds is { } age && (age <= 0 || age > limits.MaxAgeLimit.TotalSeconds))
            errors.Add("maxAgeSeconds", $"maxAgeSeconds must be between 1 and {(long)limits.MaxAgeLimit.TotalSeconds} (the platform's limit).");
        if (maxBytes is { } bytes && (bytes <= 0 || bytes > limits.MaxBytesLimit))
            errors.Add("maxBytes", $"maxBytes must be between 1 and {limits.MaxBytesLimit} (the platform's limit).");
    }

    /// <summary>
    /// A change of retention: each value within the platform's limits, or <see cref="UpdateTopicRequest.NoLimit"/> to remove
    /// that limit. The topic must keep at least one limit (as one created without any gets the default age): removing the last
    /// one is refused on the field that removes it.
    /// </summary>
    public static void CheckRetentionChange(Topic topic, long? maxAgeSeconds, long? maxBytes, TopicOptions limits, ValidationErrors errors)
    {
        const long none = UpdateTopicRequest.NoLimit;
        var valid = true;
        if (maxAgeSeconds is { } age && age != none && (age < 0 || age > limits.MaxAgeLimit.TotalSeconds))
        {
            errors.Add("maxAgeSeconds", $"maxAgeSeconds must be between 1 and {(long)limits.MaxAgeLimit.TotalSeconds} (the platform's limit), or {none} to remove the age limit.");
            valid = false;
        }
        if (maxBytes is { } bytes && bytes != none && (bytes < 0 || bytes > limits.MaxBytesLimit))
        {
            errors.Add("maxBytes", $"maxBytes must be between 1 and {limits.MaxBytesLimit} (the platform's limit), or {none} to remove the size limit.");
            valid = false;
        }
        if (!valid) return;
        var keepsAge = maxAgeSeconds is null ? topic.MaxAge is not null : maxAgeSeconds != none;
        var keepsBytes = maxBytes is null ? topic.MaxBytes is not null : maxBytes != none;
        if (keepsAge || keepsBytes) return;
        const string why = "A topic keeps events for a limited time or up to a size: remove one limit only while the other stays.";
        if (maxAgeSeconds == none) errors.Add("maxAgeSeconds", why);
        if (maxBytes == none) errors.Add("maxBytes", why);
    }

    public static async Task<TopicAccess?> CheckAccessAsync(TopicAccessDto? access, string field, PlatformDbContext db, ValidationErrors errors, CancellationToken ct)
    {
        if (access is null) return null;
        var teams = (access.Teams ?? []).Distinct(StringComparer.Ordinal).ToList();
        var services = (access.Services ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (teams.Count + services.Count > MaxGrantees)
        {
            errors.Add(field, $"{field} may name at most {MaxGrantees} teams and services.");
            return null;
        }
        var valid = true;
        foreach (var name in teams.Where(n => !Slug.IsValid(n))) { errors.Add($"{field}.teams", $"'{name}' is not a team name. {Slug.Describe("A team name")}"); valid = false; }
        foreach (var name in services.Where(n => !Slug.IsValid(n))) { errors.Add($"{field}.services", $"'{name}' is not a service name. {Slug.Describe("A service name")}"); valid = false; }
        if (!valid) return null;
        var knownTeams = await db.Teams.Where(t => teams.Contains(t.Name)).Select(t => t.Name).ToListAsync(ct);
        foreach (var name in teams.Except(knownTeams)) errors.Add($"{field}.teams", $"There is no team '{name}'.");
        var knownServices = await db.Services.Where(s => services.Contains(s.Name)).Select(s => s.Name).ToListAsync(ct);
        foreach (var name in services.Except(knownServices)) errors.Add($"{field}.services", $"There is no service '{name}'.");
        return new TopicAccess { Teams = teams.Order(StringComparer.Ordinal).ToList(), Services = services.Order(StringComparer.Ordinal).ToList() };
    }

    public static void CheckDescription(string? description, ValidationErrors errors)
    {
        if (description is { Length: > 1000 }) errors.Add("description", "description must be at most 1000 characters.");
    }
}
