using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Deployments;
using Platform.Domain.Registry;
using Platform.Domain.Services;

namespace Platform.Data.Configurations;

internal sealed class RolloutConfiguration : IEntityTypeConfiguration<Rollout>
{
    public void Configure(EntityTypeBuilder<Rollout> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Phase).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Message).HasMaxLength(2000);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.TraceId).HasMaxLength(32);
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.Property(r => r.Strategy).HasJsonConversion();
        builder.Property(r => r.StrategySource).HasMaxLength(16);
        // The status document keeps the column it had as the rollout's "cursor" (position, hold, analysis, weights).
        builder.Property(r => r.SavedStatus).HasJsonConversion().HasColumnName("cursor");
        builder.Ignore(r => r.Status);
        builder.Ignore(r => r.Requests);
        builder.Property(r => r.AbortReason).HasMaxLength(1000);
        builder.Property(r => r.EmergencyReason).HasMaxLength(1000);
        builder.Property(r => r.ApprovedBy).HasMaxLength(200);
        builder.Property(r => r.NewCapabilities).HasJsonConversion();
        // One active rollout per service, enforced by the database as well as by the API.
        builder.HasIndex(r => r.ServiceId).IsUnique().HasFilter("phase IN ('Pending', 'Progressing')").HasDatabaseName("ix_rollouts_one_active_per_service");
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ComponentVersion>().WithMany().HasForeignKey(r => r.TargetVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ComponentVersion>().WithMany().HasForeignKey(r => r.PreviousVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RolloutId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Property);
    }
}
