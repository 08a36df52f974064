using Microsoft.EntityFrameworkCore;
using Platform.Application;
using Platform.Application.Identity;
using Platform.Data;
using Platform.Domain.Services;

namespace Platform.Api.Features.Services;

public static class ServiceAccess
{
    /// <summary>Loads a service by name; everyone signed in may read the catalog.</summary>
    public static async Task<Service> FindAsync(this PlatformDbContext db, string name, CancellationToken ct) =>
        await db.Services.FirstOrDefaultAsync(s => s.Name == name, ct) ?? throw new NotFoundException("Service", name);

    /// <summary>Loads a service the caller may change: its team's, or any for admins.</summary>
    public static async Task<Service> FindOwnedAsync(this PlatformDbContext db, string name, Actor actor, CancellationToken ct)
    {
        var service = await db.FindAsync(name, ct);
        if (!actor.CanActFor(service.OwnerTeamId))
            throw new ForbiddenException($"Only members of the team that owns '{name}' (or platform admins) may change it.");
        return service;
    }
}
