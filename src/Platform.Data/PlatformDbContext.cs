using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Platform.Domain.Audit;
using Platform.Domain.Builds;
using Platform.Domain.Deployments;
using Platform.Domain.Identity;
using Platform.Domain.Nodes;
using Platform.Domain.Registry;
using Platform.Domain.Services;
using Platform.Domain.Settings;
using Platform.Domain.Teams;
using Platform.Domain.Templates;
using Platform.Domain.Topics;

namespace Platform.Data;

/// <summary>The platform's one source of truth. The schema changes only through migrations.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();
    public DbSet<Template> Templates => Set<Template>();
    public DbSet<TemplateVersion> TemplateVersions => Set<TemplateVersion>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<SourceRevision> SourceRevisions => Set<SourceRevision>();
    public DbSet<ServiceVariable> ServiceVariables => Set<ServiceVariable>();
    public DbSet<Blob> Blobs => Set<Blob>();
    public DbSet<ComponentVersion> ComponentVersions => Set<ComponentVersion>();
    public DbSet<Build> Builds => Set<Build>();
    public DbSet<Node> Nodes => Set<Node>();
    public DbSet<ServiceDeployment> ServiceDeployments => Set<ServiceDeployment>();
    public DbSet<Rollout> Rollouts => Set<Rollout>();
    public DbSet<RolloutEvent> RolloutEvents => Set<RolloutEvent>();
    public DbSet<PlatformSetting> PlatformSettings => Set<PlatformSetting>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<TopicSchemaVersion> TopicSchemaVersions => Set<TopicSchemaVersion>();
    public DbSet<EventReplay> EventReplays => Set<EventReplay>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PlatformDbContext).Assembly);
}
