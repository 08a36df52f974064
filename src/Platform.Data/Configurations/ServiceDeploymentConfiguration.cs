using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Deployments;
using Platform.Domain.Registry;
using Platform.Domain.Services;

namespace Platform.Data.Configurations;

internal sealed class ServiceDeploymentConfiguration : IEntityTypeConfiguration<ServiceDeployment>
{
    public void Configure(EntityTypeBuilder<ServiceDeployment> builder)
    {
        builder.HasKey(d => d.ServiceId);
        builder.Property(d => d.RowVersion).IsRowVersion();
        builder.Property(d => d.Rings).HasJsonConversion();
        builder.HasOne<Service>().WithOne().HasForeignKey<ServiceDeployment>(d => d.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ComponentVersion>().WithMany().HasForeignKey(d => d.StableVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ComponentVersion>().WithMany().HasForeignKey(d => d.CanaryVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
