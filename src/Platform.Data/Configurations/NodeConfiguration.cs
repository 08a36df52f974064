using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Nodes;

namespace Platform.Data.Configurations;

internal sealed class NodeConfiguration : IEntityTypeConfiguration<Node>
{
    public void Configure(EntityTypeBuilder<Node> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Name).HasMaxLength(64);
        builder.HasIndex(n => n.Name).IsUnique();
        builder.Property(n => n.Region).HasMaxLength(64);
        builder.Property(n => n.BaseUrl).HasMaxLength(400);
        builder.Property(n => n.ServiceDomain).HasMaxLength(253);
        builder.Property(n => n.TokenHash).HasMaxLength(64);
        builder.HasIndex(n => n.TokenHash).IsUnique();
        builder.Property(n => n.AppliedRevision).HasMaxLength(80);
        builder.Property(n => n.Labels).HasJsonConversion();
        builder.Property(n => n.ClaimedRegion).HasMaxLength(64);
        builder.Property(n => n.ClaimedLabels).HasJsonConversion();
        builder.Property(n => n.Metrics).HasJsonConversion();
        builder.Property(n => n.RevokedBy).HasMaxLength(200);
    }
}
