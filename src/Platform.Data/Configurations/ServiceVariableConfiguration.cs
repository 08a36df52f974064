using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Services;

namespace Platform.Data.Configurations;

internal sealed class ServiceVariableConfiguration : IEntityTypeConfiguration<ServiceVariable>
{
    public void Configure(EntityTypeBuilder<ServiceVariable> builder)
    {
        builder.HasKey(v => new { v.ServiceId, v.Name });
        builder.Property(v => v.Name).HasMaxLength(64);
        builder.Property(v => v.UpdatedBy).HasMaxLength(200);
        builder.HasOne<Service>().WithMany().HasForeignKey(v => v.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
