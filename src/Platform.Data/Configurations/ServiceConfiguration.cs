using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Services;

namespace Platform.Data.Configurations;

internal sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Name).HasMaxLength(40);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Route).HasMaxLength(200);
        builder.HasIndex(s => s.Route).IsUnique();
        builder.Property(s => s.Description).HasMaxLength(1000);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.Property(s => s.TemplateParameters).HasJsonConversion();
        builder.Property(s => s.RolloutStrategy).HasNullableJsonConversion();
        builder.Property(s => s.Placement).HasNullableJsonConversion();
        builder.Property(s => s.Quotas).HasNullableJsonConversion();
        builder.HasOne(s => s.OwnerTeam).WithMany().HasForeignKey(s => s.OwnerTeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.TemplateVersion).WithMany().HasForeignKey(s => s.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
