using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Builds;
using Platform.Domain.Services;

namespace Platform.Data.Configurations;

internal sealed class BuildConfiguration : IEntityTypeConfiguration<Build>
{
    public void Configure(EntityTypeBuilder<Build> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Version).HasMaxLength(64);
        builder.Property(b => b.Toolchain).HasMaxLength(40);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(b => b.Status);
        builder.Property(b => b.RequestedBy).HasMaxLength(200);
        builder.Property(b => b.TraceId).HasMaxLength(32);
        builder.Property(b => b.RowVersion).IsRowVersion();
        builder.HasOne<Service>().WithMany().HasForeignKey(b => b.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SourceRevision>().WithMany().HasForeignKey(b => b.SourceRevisionId).OnDelete(DeleteBehavior.Restrict);
    }
}
