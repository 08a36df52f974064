using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Platform.Data;
using Platform.Domain.Registry;
using Platform.Domain.Services;

namespace Platform.Application.Services;

/// <summary>
/// Protects secret variable values at rest (ASP.NET Core Data Protection, keys kept in PostgreSQL) and
/// resolves what a version receives: its manifest defaults overlaid with the service's values, for the
/// variables that version declares and nothing else.
/// </summary>
public sealed class VariableVault(IDataProtectionProvider protection, PlatformDbContext db)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Platform.ServiceVariables.v1");

    public string Protect(string value) => _protector.Protect(value);

    public async Task<Dictionary<Guid, Dictionary<string, string>>> ValuesByServiceAsync(IReadOnlyCollection<Guid> serviceIds, CancellationToken ct)
    {
        var rows = await db.ServiceVariables.AsNoTracking().Where(v => serviceIds.Contains(v.ServiceId)).ToListAsync(ct);
        return rows.GroupBy(v => v.ServiceId).ToDictionary(
            g => g.Key,
            g => g.ToDictionary(v => v.Name, v => v.IsSecret ? _protector.Unprotect(v.StoredValue) : v.StoredValue, StringComparer.Ordinal));
    }

    /// <summary>The variables <paramref name="version"/> gets, given the service's values.</summary>
    public static Dictionary<string, string> Resolve(ComponentVersion version, IReadOnlyDictionary<string, string>? serviceValues)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in version.DeclaredVariables)
        {
            if (serviceValues is not null && serviceValues.TryGetValue(name, out var value)) resolved[name] = value;
            else if (version.Variables.TryGetValue(name, out var fallback)) resolved[name] = fallback;
        }
        return resolved;
    }

    /// <summary>Required variables of <paramref name="version"/> that would have no value.</summary>
    public static IReadOnlyList<string> Missing(ComponentVersion version, IReadOnlyDictionary<string, string>? serviceValues) =>
        version.RequiredVariables.Where(name => !Resolve(version, serviceValues).ContainsKey(name)).ToList();
}
