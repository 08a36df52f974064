using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Platform.Domain.Templates;

namespace Platform.Data.Configurations;

internal sealed class TemplateVersionConfiguration : IEntityTypeConfiguration<TemplateVersion>
{
    public void Configure(EntityTypeBuilder<TemplateVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Version).HasMaxLength(64);
        builder.HasIndex(v => new { v.TemplateId, v.Version }).IsUnique();
        builder.Property(v => v.Toolchain).HasMaxLength(40);
        builder.Property(v => v.Executor).HasMaxLength(20);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Parameters).HasJsonConversion();
        builder.Property(v => v.Files).HasJsonConversion();
    }
}
