using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Services;
using Platform.Domain.Topics;

namespace Platform.Data.Configurations;

internal sealed class EventReplayConfiguration : IEntityTypeConfiguration<EventReplay>
{
    public void Configure(EntityTypeBuilder<EventReplay> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Topic).HasMaxLength(40);
        builder.Property(r => r.Filter).HasMaxLength(128);
        builder.Property(r => r.Source).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.TargetVersion).HasMaxLength(64);
        builder.Property(r => r.RequestedBy).HasMaxLength(200);
        builder.Property(r => r.Outcome).HasMaxLength(500);
        builder.Ignore(r => r.IsActive);
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Cascade);
        // The active replays are what nodes and the Deployer ask for.
        builder.HasIndex(r => new { r.ServiceId, r.RequestedAt });
        builder.HasIndex(r => r.FinishedAt).HasFilter("finished_at IS NULL");
    }
}
